using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace FaceCompat.Report.Browser;

/// <summary>
/// One headless Chromium (the system's, <see cref="DefaultPath"/>) driven over the DevTools protocol on a
/// WebSocket: navigate, evaluate JavaScript, click at a point, take a screenshot. The browser runs with a
/// private profile folder that is removed on dispose, and is killed (this process only) on dispose.
/// </summary>
public sealed partial class HeadlessChromium : IAsyncDisposable
{
    public const string DefaultPath = "/usr/bin/chromium";

    private readonly Process _process;
    private readonly ClientWebSocket _socket;
    private readonly string _profile;
    private int _nextId;

    private HeadlessChromium(Process process, ClientWebSocket socket, string profile)
    {
        _process = process;
        _socket = socket;
        _profile = profile;
    }

    /// <summary>Starts Chromium with a <paramref name="width"/> x <paramref name="height"/> window on about:blank.</summary>
    /// <exception cref="ModelException">Chromium is missing or does not start (the message says how to install it).</exception>
    public static async Task<HeadlessChromium> StartAsync(int width = 1400, int height = 1800, string path = DefaultPath, CancellationToken cancel = default)
    {
        if (!File.Exists(path))
        {
            throw new ModelException($"Chromium is missing ({path}); install it with 'bash scripts/setup-native.sh' as root (its part scripts/setup-native.d/report.sh runs apt-get install chromium).");
        }

        string profile = Path.Combine(Path.GetTempPath(), "fc-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var psi = new ProcessStartInfo(path)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--remote-debugging-port=0",
            $"--window-size={width},{height}", "--user-data-dir=" + profile, "about:blank",
        })
        {
            psi.ArgumentList.Add(arg);
        }

        Process process = Process.Start(psi) ?? throw new ModelException($"Chromium ({path}) did not start.");
        _ = process.StandardOutput.ReadToEndAsync(cancel);
        try
        {
            string endpoint = await ReadEndpointAsync(process, TimeSpan.FromSeconds(60), cancel).ConfigureAwait(false);
            var browserUri = new Uri(endpoint);
            using var http = new HttpClient();
            string list = await http.GetStringAsync(new Uri($"http://127.0.0.1:{browserUri.Port}/json/list"), cancel).ConfigureAwait(false);
            string page = JsonDocument.Parse(list).RootElement.EnumerateArray()
                .First(t => t.GetProperty("type").GetString() == "page")
                .GetProperty("webSocketDebuggerUrl").GetString()!;
            var socket = new ClientWebSocket();
            socket.Options.KeepAliveInterval = TimeSpan.Zero;
            await socket.ConnectAsync(new Uri(page), cancel).ConfigureAwait(false);
            var chromium = new HeadlessChromium(process, socket, profile);
            await chromium.SendAsync("Page.enable", null, cancel).ConfigureAwait(false);
            return chromium;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Kill(process);
            TryDelete(profile);
            throw new ModelException($"Chromium ({path}) started but its DevTools endpoint could not be reached: {e.Message}", e);
        }
    }

    /// <summary>Opens <paramref name="url"/> and waits until <paramref name="readyExpression"/> is true (polled every 50 ms).</summary>
    public async Task NavigateAsync(string url, string readyExpression, TimeSpan timeout, CancellationToken cancel = default)
    {
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url }, cancel).ConfigureAwait(false);
        await WaitForAsync(readyExpression, timeout, cancel).ConfigureAwait(false);
    }

    /// <summary>Polls <paramref name="expression"/> until it is true.</summary>
    /// <exception cref="TimeoutException">Not true within <paramref name="timeout"/>.</exception>
    public async Task WaitForAsync(string expression, TimeSpan timeout, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            JsonElement v = await EvaluateAsync("!!(" + expression + ")", cancel).ConfigureAwait(false);
            if (v.ValueKind == JsonValueKind.True)
            {
                return;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"the page did not reach '{expression}' within {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(50, cancel).ConfigureAwait(false);
        }
    }

    /// <summary>Evaluates <paramref name="expression"/> in the page (promises awaited) and returns its value as JSON.</summary>
    /// <exception cref="InvalidOperationException">The expression threw.</exception>
    public async Task<JsonElement> EvaluateAsync(string expression, CancellationToken cancel = default)
    {
        JsonElement r = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true }, cancel).ConfigureAwait(false);
        if (r.TryGetProperty("exceptionDetails", out JsonElement ex))
        {
            throw new InvalidOperationException("page script failed: " + ex.ToString());
        }

        JsonElement result = r.GetProperty("result");
        return result.TryGetProperty("value", out JsonElement value) ? value.Clone() : default;
    }

    /// <summary>A left click at page coordinates (CSS pixels of the viewport), as a user's mouse gives it.</summary>
    public async Task ClickAsync(double x, double y, CancellationToken cancel = default)
    {
        await SendAsync("Input.dispatchMouseEvent", new JsonObject { ["type"] = "mouseMoved", ["x"] = x, ["y"] = y }, cancel).ConfigureAwait(false);
        await SendAsync("Input.dispatchMouseEvent", new JsonObject { ["type"] = "mousePressed", ["x"] = x, ["y"] = y, ["button"] = "left", ["clickCount"] = 1 }, cancel).ConfigureAwait(false);
        await SendAsync("Input.dispatchMouseEvent", new JsonObject { ["type"] = "mouseReleased", ["x"] = x, ["y"] = y, ["button"] = "left", ["clickCount"] = 1 }, cancel).ConfigureAwait(false);
    }

    /// <summary>A PNG of the whole page (beyond the window).</summary>
    public async Task<byte[]> ScreenshotAsync(CancellationToken cancel = default)
    {
        JsonElement metrics = await SendAsync("Page.getLayoutMetrics", null, cancel).ConfigureAwait(false);
        JsonElement size = metrics.GetProperty("cssContentSize");
        var clip = new JsonObject { ["x"] = 0, ["y"] = 0, ["width"] = size.GetProperty("width").GetDouble(), ["height"] = size.GetProperty("height").GetDouble(), ["scale"] = 1 };
        JsonElement shot = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = true, ["clip"] = clip }, cancel).ConfigureAwait(false);
        return Convert.FromBase64String(shot.GetProperty("data").GetString()!);
    }

    /// <summary>Sends one DevTools command and returns its result; events in between are ignored.</summary>
    public async Task<JsonElement> SendAsync(string method, JsonObject? parameters, CancellationToken cancel = default)
    {
        int id = ++_nextId;
        byte[] request = Encoding.UTF8.GetBytes(new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() }.ToJsonString());
        await _socket.SendAsync(request, WebSocketMessageType.Text, true, cancel).ConfigureAwait(false);
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        while (true)
        {
            message.SetLength(0);
            WebSocketReceiveResult part;
            do
            {
                part = await _socket.ReceiveAsync(buffer, cancel).ConfigureAwait(false);
                if (part.MessageType == WebSocketMessageType.Close)
                {
                    throw new InvalidOperationException("Chromium closed the DevTools connection.");
                }

                message.Write(buffer, 0, part.Count);
            }
            while (!part.EndOfMessage);

            using JsonDocument doc = JsonDocument.Parse(message.ToArray());
            if (doc.RootElement.TryGetProperty("id", out JsonElement got) && got.GetInt32() == id)
            {
                if (doc.RootElement.TryGetProperty("error", out JsonElement error))
                {
                    throw new InvalidOperationException($"DevTools {method} failed: {error}");
                }

                return doc.RootElement.GetProperty("result").Clone();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, quick.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }

        _socket.Dispose();
        Kill(_process);
        _process.Dispose();
        TryDelete(_profile);
    }

    private static async Task<string> ReadEndpointAsync(Process process, TimeSpan timeout, CancellationToken cancel)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        limit.CancelAfter(timeout);
        var seen = new StringBuilder();
        while (await process.StandardError.ReadLineAsync(limit.Token).ConfigureAwait(false) is string line)
        {
            seen.AppendLine(line);
            Match m = EndpointLine().Match(line);
            if (m.Success)
            {
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return m.Groups[1].Value;
            }
        }

        throw new InvalidOperationException("Chromium exited before printing its DevTools endpoint: " + seen.ToString().Trim());
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static void TryDelete(string dir)
    {
        for (int attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                Directory.Delete(dir, true);
                return;
            }
            catch (IOException)
            {
                Thread.Sleep(100);
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }
        }
    }

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex EndpointLine();
}
