using System.Diagnostics;
using FaceCompat.LinearAlgebra;

namespace FaceCompat.Tests;

/// <summary>
/// A command on the managed kernels says so once, on stderr (with how to get the native ones), and
/// never on stdout; on the native kernels it says nothing. Child processes: the provider is chosen
/// once per process from FACECOMPAT_KERNELS.
/// </summary>
public sealed class KernelNoticeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fc-notice-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Managed_kernels_are_announced_once_on_stderr()
    {
        (int exit, string stdout, string stderr) = Study("managed");
        exit.Should().Be(0, stderr);
        CountOf(stderr, "runs on the managed kernels").Should().Be(1, stderr);
        stdout.Should().NotContain("managed kernels");
        stderr.Should().Contain(DenseKernels.TryGetOpenBlas(out _) ? "unset it to use the installed OpenBLAS/LAPACKE" : "scripts/setup-native.sh");
    }

    [Fact]
    public void Native_kernels_are_not_announced()
    {
        if (!DenseKernels.TryGetOpenBlas(out _))
        {
            return; // nothing to compare against on a machine without OpenBLAS/LAPACKE
        }

        (int exit, _, string stderr) = Study("openblas");
        exit.Should().Be(0, stderr);
        stderr.Should().NotContain("managed kernels");
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    private (int Exit, string Out, string Error) Study(string kernels)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "facecompat.dll"));
        foreach (string a in new[] { "study", "--data", SharedData.Fixture("protocol", "A"), "--models", "narrow48,face128", "--methods", "procrustes", "--seeds", "0", "--out", Path.Combine(_dir, kernels) })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["FACECOMPAT_KERNELS"] = kernels;
        using Process child = Process.Start(start)!;
        Task<string> stdout = child.StandardOutput.ReadToEndAsync();
        string stderr = child.StandardError.ReadToEnd();
        child.WaitForExit();
        return (child.ExitCode, stdout.Result, stderr);
    }
}
