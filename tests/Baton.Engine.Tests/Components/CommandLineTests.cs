using Baton.Engine.Components;

namespace Baton.Engine.Tests.Components;

public class CommandLineTests
{
    [Theory]
    [InlineData("python3 x.py", new[] { "python3", "x.py" })]
    [InlineData("  python3   'my script.py'  --n 3 ", new[] { "python3", "my script.py", "--n", "3" })]
    [InlineData("""run "a \"quoted\" word" b\ c""", new[] { "run", "a \"quoted\" word", "b c" })]
    [InlineData("""echo 'it''s' "$HOME" """, new[] { "echo", "its", "$HOME" })]
    public void Splits_like_a_shell_without_running_one(string command, string[] expected) =>
        Assert.Equal(expected, CommandLine.Split(command));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("python3 'x.py")]
    [InlineData("python3 \"x.py")]
    public void Empty_commands_and_open_quotes_are_refused(string command) =>
        Assert.Throws<FormatException>(() => CommandLine.Split(command));
}
