using System.CommandLine;
using Baton.Engine.Events;
using Baton.Parquet;
using Baton.Research.Parameters;
using Baton.Research.Sweeps;
using Baton.Research.WalkForward;

namespace Baton.Cli.Commands;

/// <summary><c>baton walkforward STRATEGY.yaml --param NAME=VALUES... --train 6M --test 1M [--step 1M] [--anchored]
/// [--where C] [--objective O] [--search ..] [--trials N] [--seed S] [--jobs N] [--data ..] [--from T] [--to T]
/// [--set k=v]... --out DIR</c>: per window a sweep on the training range, its best run on the test range
/// (<see cref="WalkForwardRunner"/>). DIR holds <c>manifest.json</c> (kind walkforward), <c>walkforward.json</c> and
/// each window's sweep folder <c>windows/NN/</c> (its own manifest, resume journal, <c>trials.csv</c> and
/// <c>trials.parquet</c>); an interrupted walk-forward resumes from DIR with the same command.</summary>
internal static class WalkForwardCommand
{
    public static Command Create()
    {
        var o = new SweepOptions();
        var train = new Option<string>("--train") { Description = "Training window: a count and d, w, M or y (6M, 1y, 90d)", Required = true };
        var test = new Option<string>("--test") { Description = "Test window that follows each training window (1M, 2w)", Required = true };
        var step = new Option<string?>("--step") { Description = "How far each window moves on (default: the test length)" };
        var anchored = new Option<bool>("--anchored") { Description = "Every training window starts at the first candle (it grows by the step)" };
        var command = new Command("walkforward", "Optimise on rolling training windows and test each choice on the window that follows");
        foreach (var symbol in o.All.Where(s => s != o.Keep && s != o.Top))
        {
            if (symbol is Argument a) command.Arguments.Add(a);
            else command.Options.Add((Option)symbol);
        }
        foreach (var option in new Option[] { train, test, step, anchored }) command.Options.Add(option);
        command.SetAction((result, token) => CommandRunner.RunAsync(() =>
        {
            var testLength = WindowLength.Parse(result.GetValue(test), "--test");
            var lengths = (WindowLength.Parse(result.GetValue(train), "--train"), testLength,
                result.GetValue(step) is { } s ? WindowLength.Parse(s, "--step") : testLength);
            var sweep = Sweep.Of(result, o);
            var plan = new WalkForwardPlan(sweep.Plan, lengths.Item1, lengths.Item2, lengths.Item3, result.GetValue(anchored));
            return RunAsync(sweep, plan, token);
        }));
        return command;
    }

    private static async Task<int> RunAsync(Sweep sweep, WalkForwardPlan plan, CancellationToken token)
    {
        var planned = await WalkForwardRunner.WindowsAsync(plan, sweep.Variants, sweep.Data, token).ConfigureAwait(false);
        var manifest = sweep.Manifest() with
        {
            Kind = "walkforward",
            Windows = new ManifestWindows(plan.Train.ToString(), plan.Test.ToString(), plan.Step.ToString(), plan.Anchored),
        };
        // the cluster first: a bad or unreachable --cluster leaves no folder behind
        await using var cluster = await SweepCluster.StartAsync(sweep.Cluster, sweep.Cert, token).ConfigureAwait(false);
        string dir = WalkForwardFolder.Open(sweep.Out, manifest);
        var windows = new WindowFolders(dir, manifest, sweep, cluster);
        var options = new WalkForwardOptions { Sweep = windows.Open, AfterWindow = windows.FinishAsync };
        WalkForwardResult result;
        try
        {
            result = await WalkForwardRunner.RunAsync(plan, sweep.Variants, sweep.Data, planned, options, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            windows.Interrupted();
            await Console.Error.WriteLineAsync($"interrupted: finished trials are saved in {dir}; run the same command to resume")
                .ConfigureAwait(false);
            return 130;
        }
        WalkForwardJson.Write(dir, result);
        Baton.Research.Report.SweepReportPage.Write(dir);
        WalkForwardPrinter.Print(result, sweep, dir);
        return 0;
    }

    /// <summary>Each window's sweep folder <c>windows/NN</c>: opened (or resumed) before its sweep, its tables written after.</summary>
    private sealed class WindowFolders(string dir, SweepManifest manifest, Sweep sweep, SweepCluster? cluster)
    {
        private SweepFolder? _folder;
        private Baton.Cluster.Client.ClusterTrials? _onCluster;
        private SweepPrinter? _printer;

        public SweepRunOptions Open(WalkForwardWindow window)
        {
            string path = WalkForwardFolder.WindowPath(dir, window);
            var own = manifest with
            {
                Kind = "sweep", From = Formats.Time(window.TrainFrom), To = Formats.Time(window.Training.To!.Value),
            };
            try
            {
                _folder = SweepFolder.Open(path, own);
            }
            catch (SweepInputException)
            {
                throw new SweepInputException($"--out {sweep.Out}: window {window.Index} holds another training range or sweep "
                    + "(a walk-forward with other --train/--test/--step/--anchored?); name another folder, or remove this one to start again");
            }
            _printer = new SweepPrinter(sweep.Plan.Objective, Console.Error);
            Console.Error.WriteLine($"window {window.Index}: training {Formats.Time(window.TrainFrom)} .. {Formats.Time(window.Training.To!.Value)}");
            _onCluster = cluster?.Trials(ClusterWork.Job(sweep, own, window.Training));
            return new SweepRunOptions
            {
                Jobs = sweep.Jobs, BatchSize = sweep.BatchSize, Done = _folder.Recorded, AfterBatch = _folder.RecordAsync, Progress = _printer,
                Executor = _onCluster,
            };
        }

        public async Task FinishAsync(WalkForwardWindowResult window, SweepResult result, CancellationToken token)
        {
            _printer?.Finish();
            _folder?.WriteTables(sweep.Plan.Space, sweep.Plan.Objective, new ParquetTrialTableWriter());
            if (_onCluster is not null) await _onCluster.FinishAsync(token).ConfigureAwait(false);
        }

        public void Interrupted()
        {
            _printer?.Finish();
            _folder?.WriteTables(sweep.Plan.Space, sweep.Plan.Objective, new ParquetTrialTableWriter());
        }
    }
}
