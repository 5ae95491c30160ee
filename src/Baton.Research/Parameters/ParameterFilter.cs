using Baton.Core.Rules;

namespace Baton.Research.Parameters;

/// <summary>
/// The compiled <c>--where</c>: a condition over the swept parameters in the rule syntax of strategies (Core's
/// <see cref="RuleParser"/>: comparisons, <c>+ - * /</c>, <c>and or not</c>, parentheses; <c>2%</c> is 0.02), such as
/// <c>fast_period &lt; slow_period and stop_loss * 3 &lt;= take_profit</c>. Parameters are their numbers (percentages as
/// fractions). A comparison with a division by zero is false.
/// </summary>
public sealed class ParameterFilter
{
    private readonly RuleExpression _expression;
    private readonly Dictionary<string, int> _axes;

    private ParameterFilter(string text, RuleExpression expression, Dictionary<string, int> axes)
    {
        Text = text;
        _expression = expression;
        _axes = axes;
    }

    /// <summary>The condition as given.</summary>
    public string Text { get; }

    /// <summary>Parses and checks <paramref name="text"/> against <paramref name="space"/>'s parameters; throws
    /// <see cref="SweepInputException"/> on a syntax error, an unknown name or a condition that is not true or false.</summary>
    public static ParameterFilter Parse(string text, ParameterSpace space)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(space);
        RuleExpression expression;
        try
        {
            expression = RuleParser.Parse(text);
        }
        catch (RuleSyntaxException e)
        {
            throw new SweepInputException($"--where {text}: {e.Message} (at character {e.Position + 1})");
        }
        var axes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int a = 0; a < space.Axes.Count; a++) axes[space.Axes[a].Name] = a;
        foreach (var id in RuleParser.Identifiers(expression))
            if (!axes.ContainsKey(id.Name))
                throw new SweepInputException($"--where {text}: '{id.Name}' is not a swept parameter; expected one of {string.Join(", ", axes.Keys)}");
        if (!IsCondition(expression))
            throw new SweepInputException($"--where {text}: expected a condition (a comparison, or several joined by and/or/not), not a number");
        return new ParameterFilter(text, expression, axes);
    }

    /// <summary>Whether the point with these numbers (one per axis, in the space's order) is allowed.</summary>
    public bool Allows(ReadOnlySpan<double> numbers) => Truth(_expression, numbers);

    private static bool IsCondition(RuleExpression e) => e switch
    {
        UnaryExpression { Operator: UnaryOperator.Not } u => IsCondition(u.Operand),
        BinaryExpression { Operator: BinaryOperator.And or BinaryOperator.Or } b => IsCondition(b.Left) && IsCondition(b.Right),
        BinaryExpression b => b.Operator is not (BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide)
            && !IsCondition(b.Left) && !IsCondition(b.Right),
        _ => false,
    };

    private bool Truth(RuleExpression e, ReadOnlySpan<double> x) => e switch
    {
        UnaryExpression u => !Truth(u.Operand, x),
        BinaryExpression { Operator: BinaryOperator.And } b => Truth(b.Left, x) && Truth(b.Right, x),
        BinaryExpression { Operator: BinaryOperator.Or } b => Truth(b.Left, x) || Truth(b.Right, x),
        BinaryExpression b => Compare(b.Operator, Value(b.Left, x), Value(b.Right, x)),
        _ => false,
    };

    private static bool Compare(BinaryOperator op, double l, double r) => double.IsFinite(l) && double.IsFinite(r) && op switch
    {
        BinaryOperator.Less => l < r,
        BinaryOperator.LessOrEqual => l <= r,
        BinaryOperator.Greater => l > r,
        BinaryOperator.GreaterOrEqual => l >= r,
        BinaryOperator.Equal => l == r,
        _ => l != r,
    };

    private double Value(RuleExpression e, ReadOnlySpan<double> x) => e switch
    {
        NumberLiteral n => n.Value,
        Identifier id => x[_axes[id.Name]],
        UnaryExpression u => -Value(u.Operand, x),
        BinaryExpression b => b.Operator switch
        {
            BinaryOperator.Add => Value(b.Left, x) + Value(b.Right, x),
            BinaryOperator.Subtract => Value(b.Left, x) - Value(b.Right, x),
            BinaryOperator.Multiply => Value(b.Left, x) * Value(b.Right, x),
            _ => Value(b.Left, x) / Value(b.Right, x),
        },
        _ => double.NaN,
    };

    public override string ToString() => Text;
}
