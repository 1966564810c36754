namespace FaceCompat.Statistics;

/// <summary>One query of a cell: its identity, the rank of its first relevant gallery row, its AP.</summary>
public readonly record struct QueryRecord(string Identity, int Rank, double AveragePrecision);
