using Baton.Engine.Events;
using Baton.Runs.Files;

namespace Baton.Runs.Tests.Files;

public class CsvLineTests
{
    // The fast line must spell every field exactly as Formats does, whatever the time and the numbers, and
    // whichever columns repeat the previous line's values (those are not rewritten).
    [Fact]
    public void Spells_times_and_numbers_exactly_as_Formats_does()
    {
        var random = new Random(7);
        var line = new CsvLine(3);
        double[] specials = [0.0, -0.0, 1e-300, double.MaxValue, -123.456, 0.1 + 0.2, 1e21, 100000];
        // 5,000 lines (about ten years) from each start: year 1, 1968, the last day of 1999 and year 9985
        long[] starts = [-62_135_596_800_000, -63_158_400_000, 946_598_400_000, 252_929_001_600_000];
        long time = 0;
        double a = 0, b = 0, c = 0;
        for (int i = 0; i < 20_000; i++)
        {
            if (i % 5000 == 0) time = starts[i / 5000];
            time += random.Next(4) switch { 0 => 0, 1 => 1000, 2 => 3_600_000, _ => random.NextInt64(86_400_000L * 3) };
            bool same = i > 0 && random.Next(4) == 0;   // a line with the previous line's numbers, time rewritten only
            if (!same)
            {
                if (random.Next(3) > 0) a = random.Next(3) == 0 ? specials[random.Next(specials.Length)] : (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-8, 12));
                if (random.Next(3) > 0) b = random.Next(2) == 0 ? a : random.NextDouble() * 1e5;
                if (random.Next(3) > 0) c = random.Next(2) == 0 ? 0.0 : random.NextDouble();
                line.Start(time);
                line.Add(0, a);
                line.Add(1, b);
                line.Add(2, c);
                line.End();
            }
            else
            {
                line.Repeat(time);
            }
            string expected = string.Join(',', Formats.Time(time), Formats.Number(a), Formats.Number(b), Formats.Number(c)) + "\n";
            Assert.Equal(expected, line.Text);
        }
    }
}
