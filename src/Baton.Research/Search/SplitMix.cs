namespace Baton.Research.Search;

/// <summary>SplitMix64 (Steele, Lea and Flood, 2014): a small seeded generator whose sequence is fixed by its seed on
/// every platform and runtime version, so a seeded search proposes the same trials everywhere.</summary>
internal sealed class SplitMix(ulong seed)
{
    private ulong _state = seed;

    public static SplitMix Of(int seed, int stream) =>
        new(unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)stream * 0xD1B54A32D192ED03UL));

    public ulong Next()
    {
        ulong z = unchecked(_state += 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    /// <summary>A whole number in [0, <paramref name="n"/>) (n ≥ 1), without modulo bias worth noticing (n ≤ 2^31).</summary>
    public int Below(int n) => (int)((Next() >> 11) * (ulong)n >> 53);

    /// <summary>A number in [0, 1).</summary>
    public double Unit() => (Next() >> 11) * (1.0 / (1UL << 53));
}
