namespace FaceCompat.Report.Figures;

/// <summary>
/// One figure of the report as <see cref="FigureExporter"/> writes it: <c>Stem.svg</c> and <c>Stem.png</c> in the
/// figures folder, its LaTeX caption (names already escaped) and its label <c>fig:Stem</c>.
/// </summary>
public sealed record Figure(string Stem, string Caption)
{
    public string SvgFile => Stem + ".svg";

    public string PngFile => Stem + ".png";

    public string Label => "fig:" + Stem;
}
