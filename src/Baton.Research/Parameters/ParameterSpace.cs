using System.Globalization;
using Baton.Research.Trials;

namespace Baton.Research.Parameters;

/// <summary>
/// The grid a sweep draws its trials from: one axis per <c>--param NAME=VALUES</c>, in command-line order. A point is
/// one value of each axis; points are numbered in odometer order (the first axis slowest, the last fastest), so the
/// flat index of a point is its rank in that order.
/// </summary>
public sealed class ParameterSpace
{
    /// <summary>The most points a grid may have (before <c>--where</c>): a sweep of more is refused.</summary>
    public const long MaxPoints = 1_000_000;

    private ParameterSpace(IReadOnlyList<ParameterAxis> axes)
    {
        Axes = axes;
        long size = 1;
        foreach (var axis in axes) size *= axis.Count;
        Size = (int)size;
    }

    /// <summary>The axes, in command-line order.</summary>
    public IReadOnlyList<ParameterAxis> Axes { get; }

    /// <summary>The number of points (the product of the axes' sizes), at most <see cref="MaxPoints"/>.</summary>
    public int Size { get; }

    /// <summary>Reads each <c>NAME=VALUES</c> (see <see cref="ParameterValues"/>); throws <see cref="SweepInputException"/>
    /// on a bad one, a name given twice, no parameter at all or a grid past <see cref="MaxPoints"/>.</summary>
    public static ParameterSpace Parse(IReadOnlyList<string> paramArgs)
    {
        ArgumentNullException.ThrowIfNull(paramArgs);
        if (paramArgs.Count == 0) throw new SweepInputException("--param: expected at least one, such as --param fast_period=5..50:5");
        var axes = new List<ParameterAxis>();
        long size = 1;
        foreach (string arg in paramArgs)
        {
            int eq = (arg ?? "").IndexOf('=', StringComparison.Ordinal);
            string name = eq < 0 ? "" : arg![..eq].Trim();
            if (eq <= 0 || !IsName(name))
                throw new SweepInputException($"--param {arg}: expected NAME=VALUES such as fast_period=5..50:5 or stop_loss=1%,2%,3%");
            if (axes.Any(a => a.Name == name)) throw new SweepInputException($"--param {name}: given twice; expected each parameter once");
            var (texts, numbers) = ParameterValues.Parse(name, arg![(eq + 1)..], MaxPoints);
            size *= texts.Count;
            if (size > MaxPoints)
                throw new SweepInputException($"--param: the grid has more than {MaxPoints.ToString("N0", CultureInfo.InvariantCulture)} points; "
                    + "narrow the ranges or take larger steps");
            axes.Add(new ParameterAxis(name, texts) { Numbers = numbers });
        }
        return new ParameterSpace(axes);
    }

    /// <summary>Refuses a parameter the strategy does not declare, naming the ones it does.</summary>
    public void RequireKnown(IReadOnlyList<string> strategyParameters, string strategyFile)
    {
        ArgumentNullException.ThrowIfNull(strategyParameters);
        foreach (var axis in Axes)
            if (!strategyParameters.Contains(axis.Name, StringComparer.Ordinal))
            {
                string valid = strategyParameters.Count == 0 ? "it has no parameters: section" : "expected one of " + string.Join(", ", strategyParameters);
                throw new SweepInputException($"--param {axis.Name}: {strategyFile} has no such parameter; {valid}");
            }
    }

    /// <summary>The value index of each axis at flat index <paramref name="point"/>.</summary>
    public int[] Indices(int point)
    {
        var indices = new int[Axes.Count];
        for (int a = Axes.Count - 1; a >= 0; a--)
        {
            indices[a] = point % Axes[a].Count;
            point /= Axes[a].Count;
        }
        return indices;
    }

    /// <summary>The flat index of the point with these value indices.</summary>
    public int Point(ReadOnlySpan<int> indices)
    {
        int point = 0;
        for (int a = 0; a < Axes.Count; a++) point = point * Axes[a].Count + indices[a];
        return point;
    }

    /// <summary>The <c>--set</c> settings of the point at flat index <paramref name="point"/>.</summary>
    public IReadOnlyList<ParameterSetting> Settings(int point)
    {
        int[] indices = Indices(point);
        var settings = new ParameterSetting[Axes.Count];
        for (int a = 0; a < settings.Length; a++) settings[a] = new ParameterSetting(Axes[a].Name, Axes[a].Values[indices[a]]);
        return settings;
    }

    /// <summary>The numbers of the point at flat index <paramref name="point"/> (percentages as fractions).</summary>
    public double[] Numbers(int point)
    {
        int[] indices = Indices(point);
        var numbers = new double[Axes.Count];
        for (int a = 0; a < numbers.Length; a++) numbers[a] = Axes[a].Numbers[indices[a]];
        return numbers;
    }

    internal static bool IsName(string name) =>
        name.Length is > 0 and <= 64 && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
