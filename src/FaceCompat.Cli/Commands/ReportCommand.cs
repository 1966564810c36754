using System.CommandLine;
using FaceCompat.Report;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat report --study DIR --out report.html</c>: the one-file HTML report and its tables (.csv, .md, .tex).</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var study = new Option<string>("--study") { Description = "The study folder (written by 'facecompat study' or 'demo').", Required = true };
        var output = OptionRules.Writable(new Option<string>("--out") { Description = "The HTML file to write; the tables go next to it.", DefaultValueFactory = _ => "report.html" }, folder: false, example: "report.html");
        var command = new Command("report", "Write the offline HTML report (charts, tables, statistics) of a study folder.") { study, output };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            StudyReport report = StudyReport.Load(parse.GetValue(study)!);
            foreach (string path in HtmlReportWriter.Write(report, parse.GetValue(output)!))
            {
                Console.WriteLine(path);
            }

            return 0;
        }));
        return command;
    }
}
