namespace FaceCompat.Randomness;

/// <summary>
/// The SplitMix64 finaliser of PROTOCOL.md (add the golden gamma, two xor-shift-multiply rounds,
/// a final xor-shift), all arithmetic mod 2^64; and a stream built on it.
/// </summary>
public struct SplitMix64
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    /// <summary>A stream that starts from <paramref name="seed"/>.</summary>
    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>splitmix64(x) as PROTOCOL.md defines it.</summary>
    public static ulong Mix(ulong x)
    {
        ulong z = unchecked(x + Gamma);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>The next value of the stream: mix(state), then state += gamma.</summary>
    public ulong Next()
    {
        ulong value = Mix(_state);
        _state = unchecked(_state + Gamma);
        return value;
    }

    /// <summary>A uniform integer in [0, bound) by rejection (no modulo bias).</summary>
    public ulong NextBelow(ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        ulong limit = ulong.MaxValue - (ulong.MaxValue % bound);
        ulong v;
        do
        {
            v = Next();
        }
        while (v >= limit);
        return v % bound;
    }
}
