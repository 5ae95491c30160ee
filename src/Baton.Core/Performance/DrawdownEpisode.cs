namespace Baton.Core.Performance;

/// <summary>
/// One spell under water: from the last bar at the high-water mark (<see cref="PeakIndex"/>) to the first bar
/// back at or above it (<see cref="RecoveryIndex"/>), or to the last bar seen when still under water.
/// Indices and lengths count points of the series it was measured on, 0 being the starting equity: days in
/// <see cref="PerformanceMetrics"/> (its series is end-of-day equity), bars in <see cref="PerformanceTracker"/>.
/// </summary>
/// <param name="PeakIndex">Index of the peak the episode falls from.</param>
/// <param name="TroughIndex">Index of the lowest equity in the episode (the first one on ties).</param>
/// <param name="RecoveryIndex">Index of the first bar at or above the peak; null while the episode is ongoing.</param>
/// <param name="Depth">Trough equity / peak equity - 1: a fraction, always &lt; 0.</param>
/// <param name="Duration">
/// Points from the peak to the recovery bar (<c>recovery - peak</c>), or to the last bar when ongoing
/// (<c>last - peak</c>).
/// </param>
public readonly record struct DrawdownEpisode(
    int PeakIndex, int TroughIndex, int? RecoveryIndex, double Depth, int Duration)
{
    /// <summary>True while equity has not yet climbed back to the peak.</summary>
    public bool IsOngoing => RecoveryIndex is null;

    /// <summary>Points strictly below the peak: <see cref="Duration"/> - 1 once recovered, else the duration.</summary>
    public int Underwater => IsOngoing ? Duration : Duration - 1;

    /// <summary>Points from the peak to the trough.</summary>
    public int PeakToTrough => TroughIndex - PeakIndex;
}
