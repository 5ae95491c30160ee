namespace Baton.Engine.Data.Synthetic;

/// <summary>
/// xoshiro256** (Blackman and Vigna), seeded through SplitMix64: a small, fast generator whose output
/// depends only on the seed, on every platform and runtime (unlike <see cref="Random"/>, whose algorithm
/// may change). Normal deviates use Marsaglia's polar form of the Box–Muller transform with
/// <see cref="DeterministicMath.Log"/>, so they are bit-identical everywhere too.
/// </summary>
internal struct DeterministicRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal;
    private bool _hasSpare;

    /// <summary>A generator for stream <paramref name="stream"/> of <paramref name="seed"/>: distinct streams of
    /// one seed start from distinct states.</summary>
    public static DeterministicRandom Create(long seed, long stream)
    {
        ulong state = SplitMix64Mix((ulong)seed) + (ulong)stream;
        var random = new DeterministicRandom
        {
            _s0 = SplitMix64Next(ref state),
            _s1 = SplitMix64Next(ref state),
            _s2 = SplitMix64Next(ref state),
            _s3 = SplitMix64Next(ref state),
        };
        return random;
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1), a multiple of 2^-53.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal deviate (mean 0, variance 1).</summary>
    public double NextNormal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareNormal;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);
        double factor = Math.Sqrt(-2 * DeterministicMath.Log(s) / s);
        _spareNormal = v * factor;
        _hasSpare = true;
        return u * factor;
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix64Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15;
        return SplitMix64Mix(state);
    }

    private static ulong SplitMix64Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
