namespace Baton.Core.Portfolio;

/// <summary>The seed's portfolio states: Initialized → Trading ⇄ PositionOpen; Trading|PositionOpen →
/// RiskLimitHit → Stopped; Trading → Stopped (manual stop).</summary>
public enum PortfolioState
{
    Initialized,
    Trading,
    PositionOpen,
    RiskLimitHit,
    Stopped,
}

public static class PortfolioStates
{
    public static bool CanMove(PortfolioState from, PortfolioState to) => (from, to) switch
    {
        (PortfolioState.Initialized, PortfolioState.Trading) => true,
        (PortfolioState.Trading, PortfolioState.PositionOpen or PortfolioState.RiskLimitHit or PortfolioState.Stopped) => true,
        (PortfolioState.PositionOpen, PortfolioState.Trading or PortfolioState.RiskLimitHit) => true,
        (PortfolioState.RiskLimitHit, PortfolioState.Stopped) => true,
        _ => false,
    };
}
