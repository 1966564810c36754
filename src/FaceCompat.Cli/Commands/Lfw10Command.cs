using System.CommandLine;
using System.Globalization;
using FaceCompat.Data;
using FaceCompat.Evaluation;
using FaceCompat.LinearAlgebra;
using FaceCompat.Study;

namespace FaceCompat.Cli.Commands;

/// <summary><c>facecompat lfw10</c>: the LFW 10-fold protocol (PROTOCOL.md, LFW 10-fold), Table 6 style.</summary>
internal static class Lfw10Command
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "LFW dataset folder (index.csv with <Name>/<Name>_NNNN.jpg paths + embeddings/<model>.npy).", Required = true };
        var pairsFile = new Option<string>("--pairs") { Description = "LFW pairs.txt (first line '10 300').", Required = true };
        var source = new Option<string?>("--source") { Description = "Source model (with --target)." };
        var target = new Option<string?>("--target") { Description = "Target model (with --source)." };
        var all = new Option<bool>("--all") { Description = "Every ordered pair of the dataset's models." };
        var lambda = OptionRules.Real("--lambda", "Ridge regularisation. A finite number > 0 (--method linear is the unregularised fit).", 0.1, 0, 1e6, minInclusive: false);
        var study = OptionRules.Writable(new Option<string?>("--study") { Description = "Study folder: writes <study>/lfw10/table.csv." }, folder: true);
        var command = new Command("lfw10", "LFW 10-fold verification accuracy of every model and of ridge-mapped model pairs (McNeely-White et al.).")
        {
            data, pairsFile, source, target, all, lambda, study,
        };
        command.SetAction(parse => CommandRunner.Run(() =>
        {
            string? s = parse.GetValue(source);
            string? t = parse.GetValue(target);
            if (!parse.GetValue(all) && (s is null || t is null))
            {
                throw new UsageException("lfw10: give --source A --target B, or --all.");
            }

            DatasetFolder folder = DatasetFolder.Open(parse.GetValue(data)!);
            LfwPairs pairs = LfwPairs.Read(parse.GetValue(pairsFile)!, folder.Index);
            IReadOnlyList<string> models = parse.GetValue(all)
                ? folder.Models
                : s is not null && t is not null
                    ? (s == t ? [s] : [s, t])
                    : throw new UsageException("lfw10: give --source A --target B, or --all.");
            IReadOnlyList<LfwTableRow> rows = LfwTenFoldTable.Run(folder, pairs, models, parse.GetValue(lambda), DenseKernels.Default);
            if (!parse.GetValue(all) && s is not null && t is not null && s != t)
            {
                rows = rows.Where(r => r.Source == s || r.Source == r.Target).ToArray();
            }

            Console.Out.WriteLine($"{"source",-24} {"target",-24} {"mapping",-9} {"accuracy",16} {"change",8}");
            foreach (LfwTableRow r in rows)
            {
                string accuracy = string.Create(CultureInfo.InvariantCulture, $"{r.Mean:F2} +- {r.StandardDeviation:F2}");
                string change = r.Source == r.Target ? "" : string.Create(CultureInfo.InvariantCulture, $"{r.ChangeVersusSource:+0.00;-0.00}");
                Console.Out.WriteLine($"{r.Source,-24} {r.Target,-24} {LfwTenFoldTable.Name(r.Mapping),-9} {accuracy,16} {change,8}");
            }

            string? studyDir = parse.GetValue(study);
            if (studyDir is not null)
            {
                StudyFolder.WriteTable(studyDir, StudyTable.Lfw10, "table.csv", LfwTenFoldTable.ToCsv(rows));
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
