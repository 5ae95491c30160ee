using Baton.Research.Parameters;

namespace Baton.Research.Search;

/// <summary>The two densities of a TPE generation, per parameter over its value indices 0..k-1: l from the good points,
/// g from the bad ones. Each is (1/k + Σ K(j, x_i)) / (1 + m) with K a Gaussian of bandwidth
/// h = max(1, k / 4 · m^(-1/5)) around the observed index, normalised over the axis.</summary>
internal sealed class ParzenModel
{
    private readonly double[][] _good;
    private readonly double[][] _bad;

    public ParzenModel(ParameterSpace space, IReadOnlyList<int> good, IReadOnlyList<int> bad)
    {
        int axes = space.Axes.Count;
        _good = new double[axes][];
        _bad = new double[axes][];
        var goodIndices = good.Select(space.Indices).ToArray();
        var badIndices = bad.Select(space.Indices).ToArray();
        for (int a = 0; a < axes; a++)
        {
            int k = space.Axes[a].Count;
            _good[a] = Density(k, goodIndices.Select(i => i[a]).ToArray());
            _bad[a] = Density(k, badIndices.Select(i => i[a]).ToArray());
        }
    }

    /// <summary>Draws one value index per axis from l.</summary>
    public void Draw(int[] indices, SplitMix random)
    {
        for (int a = 0; a < indices.Length; a++)
        {
            double u = random.Unit(), sum = 0;
            double[] p = _good[a];
            int j = 0;
            for (; j < p.Length - 1; j++)
            {
                sum += p[j];
                if (u < sum) break;
            }
            indices[a] = j;
        }
    }

    /// <summary>Σ over axes of log l(x) − log g(x): larger is more promising.</summary>
    public double Ratio(int[] indices)
    {
        double score = 0;
        for (int a = 0; a < indices.Length; a++) score += Math.Log(_good[a][indices[a]]) - Math.Log(_bad[a][indices[a]]);
        return score;
    }

    private static double[] Density(int k, int[] observed)
    {
        var p = new double[k];
        for (int j = 0; j < k; j++) p[j] = 1.0 / k;
        double h = Math.Max(1.0, k / 4.0 * Math.Pow(Math.Max(1, observed.Length), -0.2));
        var kernel = new double[k];
        foreach (int x in observed)
        {
            double total = 0;
            for (int j = 0; j < k; j++)
            {
                double d = (j - x) / h;
                kernel[j] = Math.Exp(-0.5 * d * d);
                total += kernel[j];
            }
            for (int j = 0; j < k; j++) p[j] += kernel[j] / total;
        }
        for (int j = 0; j < k; j++) p[j] /= 1 + observed.Length;
        return p;
    }
}
