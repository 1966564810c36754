using System.CommandLine;
using System.Diagnostics;
using FaceCompat.Report;
using FaceCompat.Report.Browser;
using FaceCompat.Report.Figures;

namespace FaceCompat.Cli.Commands;

/// <summary>
/// <c>facecompat report --study DIR --out report.html [--figures FIGDIR]</c>: the one-file HTML report and its tables
/// (.csv, .md, .tex); with <c>--figures</c> also every figure as SVG and PNG, figures.tex and tables.tex (<see cref="FigureExporter"/>).
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var study = new Option<string>("--study") { Description = "The study folder (written by 'facecompat study' or 'demo').", Required = true };
        var output = OptionRules.Writable(new Option<string>("--out") { Description = "The HTML file to write; the tables go next to it.", DefaultValueFactory = _ => "report.html" }, folder: false, example: "report.html");
        var figures = OptionRules.Writable(new Option<string?>("--figures") { Description = "Also write every figure as SVG and PNG into this folder, with figures.tex and tables.tex (needs Chromium)." }, folder: true, example: "figures");
        var chromium = new Option<string>("--chromium") { Description = "The Chromium that renders the figures.", DefaultValueFactory = _ => HeadlessChromium.DefaultPath };
        var command = new Command("report", "Write the offline HTML report (charts, tables, statistics) of a study folder, and with --figures its figures for papers.") { study, output, figures, chromium };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            string? figureDir = parse.GetValue(figures);
            string browser = parse.GetValue(chromium)!;
            if (figureDir is not null && !File.Exists(browser))
            {
                throw new ModelException($"--figures needs Chromium, and {browser} is missing; install it with 'bash scripts/setup-native.sh' as root (its part scripts/setup-native.d/report.sh runs apt-get install chromium), or give its path with --chromium.");
            }

            StudyReport report = StudyReport.Load(parse.GetValue(study)!);
            string html = parse.GetValue(output)!;
            foreach (string path in HtmlReportWriter.Write(report, html))
            {
                Console.WriteLine(path);
            }

            if (figureDir is not null)
            {
                var clock = Stopwatch.StartNew();
                IReadOnlyList<string> written = FigureExporter.ExportAsync(report, html, figureDir, browser).GetAwaiter().GetResult();
                foreach (string path in written)
                {
                    Console.WriteLine(path);
                }

                Console.Error.WriteLine($"report: {(written.Count - 2) / 2} figures (SVG + PNG), {FigureExporter.TexFile} and {FigureExporter.TablesFile} written to {Path.GetFullPath(figureDir)} in {clock.Elapsed.TotalSeconds:F1} s");
            }

            return 0;
        }));
        return command;
    }
}
