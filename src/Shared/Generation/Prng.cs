using System.Runtime.CompilerServices;

namespace AkkaEtl.Generation;

/// <summary>
/// A small, fast, fully specified pseudo-random generator (wyrand). Unlike <see cref="Random"/> its sequence is fixed
/// by this code alone, so generated data stays byte-identical across runtimes and machines.
/// </summary>
internal struct Prng
{
    private ulong _state;

    public Prng(ulong seed) => _state = seed;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        _state += 0xA0761D6478BD642FUL;
        ulong hi = Math.BigMul(_state, _state ^ 0xE7037ED1A0B428DBUL, out ulong lo);
        return hi ^ lo;
    }

    /// <summary>A number in [0, n); n must be positive.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(int n) => (int)(((NextUInt64() >> 32) * (ulong)(uint)n) >> 32);

    /// <summary>A number in [min, maxExclusive).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    /// <summary>A number in [0, n) for large ranges.</summary>
    public long NextInt64(long n) => (long)(NextUInt64() % (ulong)n);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double NextDouble(double min, double max) => min + (max - min) * NextDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Chance(double p) => NextDouble() < p;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Pick<T>(T[] items) => items[Next(items.Length)];

    /// <summary>Picks an index by integer weights (see <see cref="Weights"/>).</summary>
    public int Pick(Weights weights)
    {
        int r = Next(weights.Total);
        int[] cumulative = weights.Cumulative;
        int i = 0;
        while (r >= cumulative[i]) i++;
        return i;
    }
}

/// <summary>Cumulative integer weights for <see cref="Prng.Pick(Weights)"/>.</summary>
internal sealed class Weights
{
    public Weights(params int[] weights)
    {
        Cumulative = new int[weights.Length];
        int sum = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            if (weights[i] < 0) throw new ArgumentOutOfRangeException(nameof(weights));
            sum += weights[i];
            Cumulative[i] = sum;
        }
        if (sum <= 0) throw new ArgumentException("weights must add up to more than zero", nameof(weights));
        Total = sum;
    }

    public int[] Cumulative { get; }
    public int Total { get; }
}

/// <summary>Stable seed mixing (SplitMix64 finaliser): the same inputs give the same seed on every platform.</summary>
internal static class SeedMix
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Finalize(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong a, ulong b) => Finalize(a + 0x9E3779B97F4A7C15UL * (b + 0x632BE59BD9B4E019UL));

    public static ulong Mix(ulong a, ulong b, ulong c) => Mix(Mix(a, b), c);

    public static ulong Mix(ulong a, ulong b, ulong c, ulong d) => Mix(Mix(Mix(a, b), c), d);

    /// <summary>A uniform double in [0, 1) from a mixed value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Unit(ulong h) => (h >> 11) * (1.0 / (1UL << 53));
}
