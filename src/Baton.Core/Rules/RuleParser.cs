using System.Globalization;

namespace Baton.Core.Rules;

/// <summary>
/// Parses rule conditions such as <c>golden_cross and rsi &lt; 70</c>, <c>close &gt; sma_slow * 1.02</c>,
/// <c>not (a or b)</c>. Precedence, loosest first: <c>or</c>, <c>and</c>, <c>not</c>, comparisons,
/// <c>+ -</c>, <c>* /</c>, unary minus. Keywords are lower case. Parsing happens once, at load.
/// A condition is bounded (<see cref="MaxLength"/> characters, <see cref="MaxOperators"/> operators, <see cref="MaxDepth"/>
/// levels of parentheses, <c>not</c> and unary minus), so every pass over the tree (the compiler's, the expression
/// compiler's) stays within a small, fixed stack depth.
/// </summary>
public sealed class RuleParser
{
    /// <summary>Most characters in one condition.</summary>
    public const int MaxLength = 4096;

    /// <summary>Most operators (<c>and or not + - * / &lt; ...</c>) in one condition: the tree is at most this deep.</summary>
    public const int MaxOperators = 256;

    /// <summary>Most nested parentheses, <c>not</c>s and unary minuses.</summary>
    public const int MaxDepth = 64;

    private readonly string _text;
    private int _pos;
    private int _depth;
    private int _operators;

    private RuleParser(string text) => _text = text;

    /// <summary>Parses <paramref name="text"/>; throws <see cref="RuleSyntaxException"/> with the offending offset.</summary>
    public static RuleExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
            throw new RuleSyntaxException($"condition is {text.Length} characters long; at most {MaxLength} are allowed", MaxLength);
        var parser = new RuleParser(text);
        parser.SkipSpace();
        if (parser.AtEnd) throw new RuleSyntaxException("empty condition", 0);
        var expr = parser.ParseOr();
        parser.SkipSpace();
        if (!parser.AtEnd) throw new RuleSyntaxException($"unexpected '{parser.Rest()}'", parser._pos);
        return expr;
    }

    /// <summary>Every identifier in <paramref name="expression"/>, in text order.</summary>
    public static IReadOnlyList<Identifier> Identifiers(RuleExpression expression)
    {
        var list = new List<Identifier>();
        Collect(expression, list);
        return list;
    }

    private static void Collect(RuleExpression e, List<Identifier> into)
    {
        switch (e)
        {
            case Identifier id: into.Add(id); break;
            case UnaryExpression u: Collect(u.Operand, into); break;
            case BinaryExpression b: Collect(b.Left, into); Collect(b.Right, into); break;
        }
    }

    private bool AtEnd => _pos >= _text.Length;

    private string Rest() => _text[_pos..].Split(' ')[0];

    private RuleExpression ParseOr()
    {
        var left = ParseAnd();
        while (TryKeyword("or", out int at)) left = new BinaryExpression(BinaryOperator.Or, left, Operand(at, ParseAnd), at);
        return left;
    }

    private RuleExpression ParseAnd()
    {
        var left = ParseNot();
        while (TryKeyword("and", out int at)) left = new BinaryExpression(BinaryOperator.And, left, Operand(at, ParseNot), at);
        return left;
    }

    private RuleExpression ParseNot()
    {
        if (TryKeyword("not", out int at)) return Nested(at, () => new UnaryExpression(UnaryOperator.Not, Operand(at, ParseNot), at));
        return ParseComparison();
    }

    private RuleExpression ParseComparison()
    {
        var left = ParseSum();
        SkipSpace();
        int at = _pos;
        BinaryOperator? op = Take("<=") ? BinaryOperator.LessOrEqual
            : Take(">=") ? BinaryOperator.GreaterOrEqual
            : Take("==") ? BinaryOperator.Equal
            : Take("!=") ? BinaryOperator.NotEqual
            : Take("<") ? BinaryOperator.Less
            : Take(">") ? BinaryOperator.Greater
            : null;
        return op is { } o ? new BinaryExpression(o, left, Operand(at, ParseSum), at) : left;
    }

    private RuleExpression ParseSum()
    {
        var left = ParseTerm();
        while (true)
        {
            SkipSpace();
            int at = _pos;
            if (Take("+")) left = new BinaryExpression(BinaryOperator.Add, left, Operand(at, ParseTerm), at);
            else if (Take("-")) left = new BinaryExpression(BinaryOperator.Subtract, left, Operand(at, ParseTerm), at);
            else return left;
        }
    }

    private RuleExpression ParseTerm()
    {
        var left = ParseUnary();
        while (true)
        {
            SkipSpace();
            int at = _pos;
            if (Take("*")) left = new BinaryExpression(BinaryOperator.Multiply, left, Operand(at, ParseUnary), at);
            else if (Take("/")) left = new BinaryExpression(BinaryOperator.Divide, left, Operand(at, ParseUnary), at);
            else return left;
        }
    }

    private RuleExpression ParseUnary()
    {
        SkipSpace();
        int at = _pos;
        if (Take("-")) return Nested(at, () => new UnaryExpression(UnaryOperator.Negate, Operand(at, ParseUnary), at));
        return ParsePrimary();
    }

    private RuleExpression ParsePrimary()
    {
        SkipSpace();
        int at = _pos;
        if (AtEnd) throw new RuleSyntaxException("condition ends where a value was expected", at);
        char c = _text[_pos];
        if (c == '(')
        {
            _pos++;
            var inner = Nested(at, ParseOr);
            SkipSpace();
            if (!Take(")")) throw new RuleSyntaxException("expected ')'", _pos);
            return inner;
        }
        if (char.IsAsciiDigit(c) || c == '.') return ParseNumber(at);
        if (char.IsAsciiLetter(c) || c == '_') return ParseIdentifier(at);
        throw new RuleSyntaxException($"unexpected '{c}'", at);
    }

    private NumberLiteral ParseNumber(int at)
    {
        while (!AtEnd && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] == '.')) _pos++;
        var span = _text.AsSpan(at, _pos - at);
        if (!double.TryParse(span, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value))
            throw new RuleSyntaxException($"'{span}' is not a number", at);
        // a literal of more than 308 digits parses as infinity: refuse it rather than compare against ∞
        if (!double.IsFinite(value))
            throw new RuleSyntaxException($"'{(span.Length > 40 ? $"{span[..40]}... ({span.Length} characters)" : span)}' is too large a number", at);
        if (Take("%")) value /= 100.0;
        return new NumberLiteral(value, at);
    }

    private Identifier ParseIdentifier(int at)
    {
        while (!AtEnd && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] is '_' or '.')) _pos++;
        string name = _text[at.._pos];
        if (name is "and" or "or" or "not") throw new RuleSyntaxException($"'{name}' needs a value before it", at);
        if (name.EndsWith('.') || name.Contains("..", StringComparison.Ordinal))
            throw new RuleSyntaxException($"'{name}' is not a valid name", at);
        return new Identifier(name, at);
    }

    /// <summary>Counts the operator at <paramref name="at"/> against <see cref="MaxOperators"/>, then parses its operand.</summary>
    private RuleExpression Operand(int at, Func<RuleExpression> parse)
    {
        if (++_operators > MaxOperators)
            throw new RuleSyntaxException($"condition has more than {MaxOperators} operators; split it into signals or simpler rules", at);
        return parse();
    }

    /// <summary>Parses a construct opened at <paramref name="at"/> (a parenthesis, <c>not</c>, unary minus) one level deeper.</summary>
    private T Nested<T>(int at, Func<T> parse)
    {
        if (++_depth > MaxDepth) throw new RuleSyntaxException($"condition nested deeper than {MaxDepth} levels", at);
        try { return parse(); }
        finally { _depth--; }
    }

    private bool TryKeyword(string word, out int at)
    {
        SkipSpace();
        at = _pos;
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0) return false;
        int end = _pos + word.Length;
        if (end < _text.Length && (char.IsAsciiLetterOrDigit(_text[end]) || _text[end] == '_')) return false;
        _pos = end;
        return true;
    }

    private bool Take(string token)
    {
        if (string.CompareOrdinal(_text, _pos, token, 0, token.Length) != 0) return false;
        _pos += token.Length;
        return true;
    }

    private void SkipSpace()
    {
        while (!AtEnd && char.IsWhiteSpace(_text[_pos])) _pos++;
    }
}
