namespace Baton.Core.Rules;

/// <summary>A node of a parsed rule condition. <see cref="Position"/> is the 0-based offset in the rule text.</summary>
public abstract record RuleExpression(int Position);

/// <summary>A number literal; <c>5%</c> is parsed as 0.05.</summary>
public sealed record NumberLiteral(double Value, int Position) : RuleExpression(Position);

/// <summary>A name: an indicator id, an indicator output (<c>macd.signal</c>), a signal id or a price field.</summary>
public sealed record Identifier(string Name, int Position) : RuleExpression(Position);

public enum UnaryOperator
{
    Not,
    Negate,
}

public sealed record UnaryExpression(UnaryOperator Operator, RuleExpression Operand, int Position) : RuleExpression(Position);

public enum BinaryOperator
{
    And,
    Or,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
    Add,
    Subtract,
    Multiply,
    Divide,
}

public sealed record BinaryExpression(BinaryOperator Operator, RuleExpression Left, RuleExpression Right, int Position)
    : RuleExpression(Position);

/// <summary>A rule text that does not parse: <see cref="Position"/> is the 0-based offset of the problem.</summary>
public sealed class RuleSyntaxException(string message, int position) : Exception(message)
{
    public int Position { get; } = position;
}
