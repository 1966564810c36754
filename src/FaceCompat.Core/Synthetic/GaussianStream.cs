using FaceCompat.Randomness;

namespace FaceCompat.Synthetic;

/// <summary>Standard normal numbers from a SplitMix64 stream (Box-Muller), identical on every platform and runtime for a seed.</summary>
internal sealed class GaussianStream
{
    private SplitMix64 _stream;
    private double? _spare;

    public GaussianStream(ulong seed) => _stream = new SplitMix64(seed);

    public double Next()
    {
        if (_spare is double spare)
        {
            _spare = null;
            return spare;
        }

        double u = ((_stream.Next() >> 11) + 1.0) * (1.0 / 9007199254740993.0); // (0, 1]
        double v = (_stream.Next() >> 11) * (1.0 / 9007199254740992.0);
        double r = Math.Sqrt(-2.0 * Math.Log(u));
        _spare = r * Math.Sin(2 * Math.PI * v);
        return r * Math.Cos(2 * Math.PI * v);
    }

    public double[] Matrix(int rows, int columns, double scale)
    {
        double[] m = new double[rows * columns];
        for (int i = 0; i < m.Length; i++)
        {
            m[i] = Next() * scale;
        }

        return m;
    }
}
