using LinqExpr = System.Linq.Expressions.Expression;
using ParamExpr = System.Linq.Expressions.ParameterExpression;

namespace Baton.Core.Rules;

/// <summary>A compiled condition over a symbol's value slots. False while any input it reads is not ready.</summary>
public delegate bool RulePredicate(double[] slots);

/// <summary>
/// Compiles a parsed condition once, at load, into a delegate reading value slots by index (no lookups by
/// name per candle). A number used as a condition is true when non-zero (a fired signal is 1). The rule is
/// false while any slot it reads is NaN (not ready), so no rule fires before its inputs are ready.
/// </summary>
public static class RuleCompiler
{
    /// <param name="resolveSlot">Maps a name to its slot index; returns −1 for an unknown name.</param>
    public static RulePredicate Compile(RuleExpression expression, Func<string, int> resolveSlot, out IReadOnlyList<int> slotsRead)
    {
        var slots = LinqExpr.Parameter(typeof(double[]), "slots");
        var read = new SortedSet<int>();
        var body = AsBool(Build(expression, slots, resolveSlot, read), expression.Position);
        // The condition first, the readiness of its inputs only when it holds: doubles never throw, so this gives the
        // same answer as checking the inputs first, and a rule whose signal has not fired stops at its first compare.
        LinqExpr guarded = body;
        foreach (int slot in read)
            guarded = LinqExpr.AndAlso(guarded, LinqExpr.Not(LinqExpr.Call(typeof(double), nameof(double.IsNaN), null,
                LinqExpr.ArrayIndex(slots, LinqExpr.Constant(slot)))));
        slotsRead = [.. read];
        return LinqExpr.Lambda<RulePredicate>(guarded, slots).Compile();
    }

    private static LinqExpr Build(RuleExpression e, ParamExpr slots, Func<string, int> resolve, SortedSet<int> read) => e switch
    {
        NumberLiteral n => LinqExpr.Constant(n.Value),
        Identifier id => Slot(id, slots, resolve, read),
        UnaryExpression { Operator: UnaryOperator.Not } u => LinqExpr.Not(AsBool(Build(u.Operand, slots, resolve, read), u.Operand.Position)),
        UnaryExpression u => LinqExpr.Negate(AsNumber(Build(u.Operand, slots, resolve, read), u.Operand.Position)),
        BinaryExpression b => Binary(b, slots, resolve, read),
        _ => throw new RuleSyntaxException("unsupported expression", e.Position),
    };

    private static LinqExpr Slot(Identifier id, ParamExpr slots, Func<string, int> resolve, SortedSet<int> read)
    {
        int slot = resolve(id.Name);
        if (slot < 0) throw new RuleSyntaxException($"unknown name '{id.Name}'", id.Position);
        read.Add(slot);
        return LinqExpr.ArrayIndex(slots, LinqExpr.Constant(slot));
    }

    private static LinqExpr Binary(BinaryExpression b, ParamExpr slots, Func<string, int> resolve, SortedSet<int> read)
    {
        var left = Build(b.Left, slots, resolve, read);
        var right = Build(b.Right, slots, resolve, read);
        return b.Operator switch
        {
            BinaryOperator.And => LinqExpr.AndAlso(AsBool(left, b.Left.Position), AsBool(right, b.Right.Position)),
            BinaryOperator.Or => LinqExpr.OrElse(AsBool(left, b.Left.Position), AsBool(right, b.Right.Position)),
            BinaryOperator.Less => LinqExpr.LessThan(AsNumber(left, b.Left.Position), AsNumber(right, b.Right.Position)),
            BinaryOperator.LessOrEqual => LinqExpr.LessThanOrEqual(AsNumber(left, b.Left.Position), AsNumber(right, b.Right.Position)),
            BinaryOperator.Greater => LinqExpr.GreaterThan(AsNumber(left, b.Left.Position), AsNumber(right, b.Right.Position)),
            BinaryOperator.GreaterOrEqual => LinqExpr.GreaterThanOrEqual(AsNumber(left, b.Left.Position), AsNumber(right, b.Right.Position)),
            BinaryOperator.Equal => LinqExpr.Equal(AsNumber(left, b.Left.Position), AsNumber(right, b.Right.Position)),
            BinaryOperator.NotEqual => LinqExpr.NotEqual(AsNumber(left, b.Left.Position), AsNumber(right, b.Right.Position)),
            BinaryOperator.Add => LinqExpr.Add(AsNumber(left, b.Left.Position), AsNumber(right, b.Right.Position)),
            BinaryOperator.Subtract => LinqExpr.Subtract(AsNumber(left, b.Left.Position), AsNumber(right, b.Right.Position)),
            BinaryOperator.Multiply => LinqExpr.Multiply(AsNumber(left, b.Left.Position), AsNumber(right, b.Right.Position)),
            _ => LinqExpr.Divide(AsNumber(left, b.Left.Position), AsNumber(right, b.Right.Position)),
        };
    }

    private static LinqExpr AsBool(LinqExpr e, int position) =>
        e.Type == typeof(bool) ? e : LinqExpr.NotEqual(e, LinqExpr.Constant(0.0));

    private static LinqExpr AsNumber(LinqExpr e, int position) =>
        e.Type == typeof(double) ? e : throw new RuleSyntaxException("expected a number here, found a condition", position);
}
