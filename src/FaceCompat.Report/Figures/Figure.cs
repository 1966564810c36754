namespace FaceCompat.Report.Figures;

/// <summary>
/// One figure of the report as <see cref="FigureExporter"/> writes it: <c>Stem.svg</c> and <c>Stem.png</c> in the
/// figures folder, its LaTeX caption (names already escaped) and its label <c>fig:Stem</c>.
/// </summary>
public sealed record Figure(string Stem, string Caption)
{
    /// <summary>The vector file's name.</summary>
    public string SvgFile => Stem + ".svg";

    /// <summary>The raster file's name (what figures.tex includes).</summary>
    public string PngFile => Stem + ".png";

    /// <summary>The LaTeX label of the figure environment.</summary>
    public string Label => "fig:" + Stem;
}
