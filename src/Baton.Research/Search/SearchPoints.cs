using Baton.Research.Parameters;

namespace Baton.Research.Search;

/// <summary>The grid's points <c>--where</c> allows, in odometer order: a trial's id is its position here, so an id
/// always names the same parameters for the same command.</summary>
public sealed class SearchPoints
{
    private readonly int[] _points;
    private readonly int[] _ids;

    public SearchPoints(ParameterSpace space, ParameterFilter? where)
    {
        ArgumentNullException.ThrowIfNull(space);
        Space = space;
        _ids = new int[space.Size];
        var points = new List<int>();
        for (int p = 0; p < space.Size; p++)
        {
            bool allowed = where is null || where.Allows(space.Numbers(p));
            _ids[p] = allowed ? points.Count : -1;
            if (allowed) points.Add(p);
        }
        if (points.Count == 0)
            throw new SweepInputException($"--where {where!.Text}: no point of the grid satisfies it; expected a condition some parameters meet");
        _points = points.ToArray();
    }

    public ParameterSpace Space { get; }

    /// <summary>How many points are allowed.</summary>
    public int Count => _points.Length;

    /// <summary>The flat grid index of trial <paramref name="id"/>.</summary>
    public int Point(int id) => _points[id];

    /// <summary>The trial id of the grid point <paramref name="point"/>, or -1 when <c>--where</c> refuses it.</summary>
    public int Id(int point) => _ids[point];
}
