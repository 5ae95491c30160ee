using Baton.Engine.Events;

namespace Baton.Engine.Tests.Events;

public class AmountFormatTests
{
    [Theory]
    [InlineData("19.8101296104993372", "19.8101296104993372")]
    [InlineData("19.81012961049933720", "19.8101296104993372")]   // a sum over two fills carries one more digit of scale
    [InlineData("-225.99783693313336197270", "-225.9978369331333619727")]
    [InlineData("2.500", "2.5")]
    [InlineData("100.000", "100")]
    [InlineData("100", "100")]
    [InlineData("0.000", "0")]
    [InlineData("0", "0")]
    [InlineData("1000000000000000", "1000000000000000")]
    [InlineData("0.0000000001", "0.0000000001")]
    public void An_amount_is_spelled_the_same_whatever_scale_its_arithmetic_left(string value, string written)
    {
        Assert.Equal(written, Formats.Amount(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
