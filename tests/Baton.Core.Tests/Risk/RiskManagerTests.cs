using Baton.Core.Risk;

namespace Baton.Core.Tests.Risk;

public class RiskManagerTests
{
    private static readonly RiskLimits Limits = new(MaxPositions: 2, MaxDrawdown: 0.2, DailyLoss: 0.03, MaxPositionSize: 0.25);

    public static TheoryData<int, double, double, decimal, string, string> Tree => new()
    {
        // open, drawdown, daily return, quantity (price 10, equity 1000), verdict, deciding check
        { 0, 0.0, 0.0, 10, "Approved", "all" },
        { 1, -0.1, -0.01, 25, "Approved", "all" },              // exactly at the size cap: allowed
        { 2, 0.0, 0.0, 10, "Rejected", "max_positions" },       // at the position limit
        { 3, -0.5, -0.5, 10, "Rejected", "max_positions" },     // positions checked before drawdown
        { 1, -0.2, 0.0, 10, "Rejected", "max_drawdown" },       // exactly at the drawdown limit
        { 1, -0.19999, 0.0, 10, "Approved", "all" },
        { 1, -0.25, -0.05, 10, "Rejected", "max_drawdown" },    // drawdown checked before daily loss
        { 1, -0.1, -0.03, 10, "Rejected", "daily_loss" },       // exactly at the daily limit
        { 1, -0.1, -0.029, 10, "Approved", "all" },
        { 1, 0.0, 0.0, 26, "Reduced", "position_size" },        // above the cap: reduced, not rejected
    };

    [Theory]
    [MemberData(nameof(Tree))]
    public void Entry_goes_through_the_tree_in_the_seed_order(int open, double drawdown, double daily, decimal quantity,
        string verdict, string check)
    {
        var decision = new RiskManager(Limits).EvaluateEntry(new RiskSnapshot(open, 1000, drawdown, daily), quantity, 10);
        Assert.Equal(verdict, decision.Verdict.ToString());
        Assert.Equal(check, decision.Check);
        Assert.Equal(quantity, decision.RequestedQuantity);
    }

    [Fact]
    public void Reduction_caps_the_notional_at_the_limit()
    {
        var d = new RiskManager(Limits).EvaluateEntry(new RiskSnapshot(0, 1000, 0, 0), 50, 10);
        Assert.Equal(RiskVerdict.Reduced, d.Verdict);
        Assert.Equal(25m, d.ApprovedQuantity);
        Assert.Equal(0.5, d.Value, 12);
        Assert.Equal(0.25, d.Limit);
        Assert.Contains("50% of equity above cap 25%", d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejection_carries_its_numbers()
    {
        var d = new RiskManager(Limits).EvaluateEntry(new RiskSnapshot(0, 1000, -0.21, 0), 1, 10);
        Assert.Equal(0.21, d.Value, 12);
        Assert.Equal(0.2, d.Limit);
        Assert.Equal(0m, d.ApprovedQuantity);
        Assert.Equal("drawdown 21% reached limit 20%", d.Reason);
    }

    [Fact]
    public void No_limits_approve_everything()
    {
        var d = new RiskManager(new RiskLimits(null, null, null, null)).EvaluateEntry(new RiskSnapshot(99, 1, -0.99, -0.99), 1000, 10);
        Assert.Equal(RiskVerdict.Approved, d.Verdict);
    }

    [Theory]
    [InlineData(-0.2, 0.0, "max_drawdown")]
    [InlineData(-0.1, -0.03, "daily_loss")]
    [InlineData(-0.3, -0.05, "max_drawdown")]
    [InlineData(-0.1, -0.02, null)]
    public void Breach_check_reports_drawdown_before_daily_loss(double drawdown, double daily, string? check)
    {
        var breach = new RiskManager(Limits).CheckBreach(new RiskSnapshot(0, 1000, drawdown, daily));
        Assert.Equal(check, breach?.Check);
    }
}
