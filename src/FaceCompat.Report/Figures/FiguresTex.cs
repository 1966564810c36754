using System.Text;

namespace FaceCompat.Report.Figures;

/// <summary>
/// <c>figures.tex</c>: one <c>figure</c> environment per figure (<c>\includegraphics</c> of its PNG, caption, label),
/// the selections that were not drawn as comments, and a pointer to the tables (<c>tables.tex</c>).
/// </summary>
internal static class FiguresTex
{
    public static string Render(IReadOnlyList<Figure> figures, IReadOnlyList<string> notDrawn)
    {
        var sb = new StringBuilder();
        sb.Append("% Figures of a FaceCompat report (facecompat report --figures), rendered by Vega in Chromium from the report's own charts.\n")
          .Append("% Needs \\usepackage{graphicx}; when this file is \\input from another folder, add \\graphicspath{{<this folder>/}}.\n")
          .Append("% Each figure is also written as SVG (<name>.svg; \\includesvg{<name>} with the svg package).\n")
          .Append("% The report's tables (booktabs): \\input{").Append(FigureExporter.TablesFile).Append("}.\n");
        foreach (Figure f in figures)
        {
            sb.Append("\n\\begin{figure}[t]\n\\centering\n\\includegraphics[width=\\linewidth]{").Append(f.PngFile).Append("}\n")
              .Append("\\caption{").Append(f.Caption).Append("}\n")
              .Append("\\label{").Append(f.Label).Append("}\n\\end{figure}\n");
        }

        foreach (string note in notDrawn)
        {
            sb.Append("\n% not drawn: ").Append(TableExporter.Tex(note)).Append('\n');
        }

        return sb.ToString();
    }
}
