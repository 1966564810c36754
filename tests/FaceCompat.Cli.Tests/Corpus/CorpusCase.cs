namespace FaceCompat.Tests.Corpus;

/// <summary>
/// One malformed input of the corpus: <see cref="Prepare"/> writes whatever the case needs into its
/// own folder and returns the command line; the run must end with <see cref="Exit"/> and name every
/// one of <see cref="Mentions"/> (a file or an option) on stderr. In mentions, <c>{dir}</c> stands
/// for the case's folder.
/// </summary>
public sealed record CorpusCase(string Name, int Exit, Func<CorpusWorkspace, string, string[]> Prepare, params string[] Mentions)
{
    public override string ToString() => Name;
}
