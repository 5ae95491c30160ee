using Baton.Cluster.Contracts;
using Baton.Cluster.Jobs;
using Baton.Cluster.Store;
using System.Text.Json;
using Baton.Cluster.Worker;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace Baton.Cluster.Grains;

/// <summary>
/// <see cref="ISweepCoordinator"/>: an in-memory queue of the sweep's batches, rebuilt from the store on every
/// activation (a batch is done when the store has every one of its trials). Leases are kept in memory only: after a
/// move to another silo, a batch a live worker reports running (its last beat) stays that worker's and every other
/// unfinished batch is queued again; should one still run twice, it is recorded once (the store keeps the first
/// outcome of each trial id). Once a second, and on every lease, batches leased to silos the membership declares dead
/// go back to the queue.
/// </summary>
internal sealed partial class SweepCoordinatorGrain(ClusterStore store, IClusterMembershipService membership, ILocalSiloDetails silo,
    ILogger<SweepCoordinatorGrain> log) : Grain, ISweepCoordinator
{
    private sealed class Unit(string id, string trialsJson, int[] ids)
    {
        public string Id { get; } = id;
        public string TrialsJson { get; } = trialsJson;
        public int[] Ids { get; } = ids;
        public WorkerIdentity? LeasedTo { get; set; }
        public bool Done { get; set; }
    }

    private readonly Dictionary<string, Unit> _units = new(StringComparer.Ordinal);
    private readonly Queue<string> _queue = new();
    private readonly Dictionary<string, string> _refused = new(StringComparer.Ordinal);
    private string? _job;
    private string? _broken;
    private string _strategy = "";

    private string Sweep => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await LoadAsync().ConfigureAwait(true);
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or FormatException)
        {
            // a damaged job in the store: this sweep stops with the reason; other sweeps and the workers go on
            _broken = $"the cluster's store holds a damaged job for sweep {Sweep} ({e.Message}); run the same sweep command "
                + "again to replace it";
            LogBroken(_broken);
        }
        this.RegisterGrainTimer(() => { RequeueDead(); return Task.CompletedTask; },
            new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)) { Interleave = false });
        await base.OnActivateAsync(cancellationToken).ConfigureAwait(true);
    }

    private async Task LoadAsync()
    {
        if (await store.JobAsync(Sweep).ConfigureAwait(true) is { } job) Remember(job);
        var done = await store.ResultIdsAsync(Sweep).ConfigureAwait(true);
        foreach (var (id, trials) in (await store.UnitsAsync(Sweep).ConfigureAwait(true)).OrderBy(u => u.Key, StringComparer.Ordinal))
        {
            try { Add(id, trials, done); }
            catch (Exception e) when (e is JsonException or InvalidDataException) { LogBroken($"batch {id} of sweep {Sweep} is damaged in the store; the client submits it again"); }
        }
        foreach (var (worker, reason) in await store.RefusalsAsync(Sweep).ConfigureAwait(true)) _refused[worker] = reason;
        await AdoptAsync().ConfigureAwait(true);
    }

    /// <summary>Registers the job. A client opening the sweep again (the same command run again) clears the workers'
    /// refusals, so a worker whose data was put right takes part again, and replaces a damaged job.</summary>
    public async Task Open(string jobJson)
    {
        if (_broken is not null)
        {
            await store.ResetAsync(Sweep).ConfigureAwait(true);
            (_broken, _job) = (null, null);
        }
        if (_refused.Count > 0)
        {
            _refused.Clear();
            await store.ClearRefusalsAsync(Sweep).ConfigureAwait(true);
        }
        if (_job is not null) return;
        await store.OpenAsync(Sweep, jobJson).ConfigureAwait(true);
        Remember(await store.JobAsync(Sweep).ConfigureAwait(true) ?? jobJson);
    }

    public async Task Submit(string unitId, string trialsJson)
    {
        if (_units.TryGetValue(unitId, out var known))
        {
            // a batch done here whose outcomes left the store (a damaged one removed by hand) runs again
            if (known.Done && (await store.ResultsAsync(Sweep, known.Ids).ConfigureAwait(true)).Count < known.Ids.Length)
            {
                known.Done = false;
                _queue.Enqueue(unitId);
            }
            return;
        }
        await store.AddUnitAsync(Sweep, unitId, trialsJson).ConfigureAwait(true);
        var ids = ClusterJob.TrialsOf(trialsJson).Select(t => t.Id).ToArray();
        var done = (await store.ResultsAsync(Sweep, ids).ConfigureAwait(true)).Keys.ToHashSet();
        Add(unitId, trialsJson, done);
    }

    public Task<WorkUnit?> Lease(WorkerIdentity worker)
    {
        RequeueDead();
        if (_job is null || _broken is not null || _refused.ContainsKey(worker.Name)) return Task.FromResult<WorkUnit?>(null);
        while (_queue.TryDequeue(out var id))
        {
            var unit = _units[id];
            if (unit.Done || unit.LeasedTo is not null) continue;
            unit.LeasedTo = worker;
            return Task.FromResult<WorkUnit?>(new WorkUnit(Sweep, id, _job, unit.TrialsJson));
        }
        return Task.FromResult<WorkUnit?>(null);
    }

    public Task Complete(WorkerIdentity worker, string unitId)
    {
        if (_units.TryGetValue(unitId, out var unit))
        {
            unit.Done = true;
            unit.LeasedTo = null;
        }
        return Task.CompletedTask;
    }

    public Task Release(WorkerIdentity worker, string unitId)
    {
        GiveBack(unitId, worker);
        return Task.CompletedTask;
    }

    public async Task Refuse(WorkerIdentity worker, string unitId, string reason)
    {
        _refused[worker.Name] = reason;
        await store.RefuseAsync(Sweep, worker.Name, reason).ConfigureAwait(true);
        GiveBack(unitId, worker);
    }

    public Task<SweepStatus> Status()
    {
        RequeueDead();
        var running = _units.Values.Where(u => !u.Done && u.LeasedTo is not null).ToArray();
        return Task.FromResult(new SweepStatus(Sweep, _strategy, _units.Values.Count(u => !u.Done && u.LeasedTo is null), running.Length,
            _units.Values.Count(u => u.Done), [.. running.Select(u => u.Id + " " + u.LeasedTo!.Name)],
            _broken is { } broken ? [broken] : [.. _refused.Values.Order(StringComparer.Ordinal)], silo.Name, _broken is not null || Stuck()));
    }

    public async Task Finish()
    {
        await store.ForgetAsync(Sweep).ConfigureAwait(true);
        _units.Clear();
        _queue.Clear();
        _job = null;
        DeactivateOnIdle();
    }

    /// <summary>After a move, the batches live workers report running (their last beat, within 5 s) stay theirs instead
    /// of being queued again, so a coordinator's death does not make every running batch run twice.</summary>
    private async Task AdoptAsync()
    {
        var snapshot = membership.CurrentSnapshot;
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var json in (await store.BeatsAsync().ConfigureAwait(true)).Values)
        {
            var beat = WorkerBeat.Parse(json);
            if (beat is not { Sweep: { } sweep, Unit: { } unitId } || sweep != Sweep || now - beat.Seen > 5000) continue;
            if (!_units.TryGetValue(unitId, out var unit) || unit.Done || unit.LeasedTo is not null) continue;
            var address = SiloAddress.FromParsableString(beat.Silo);
            if (snapshot.GetSiloStatus(address) == SiloStatus.Active) unit.LeasedTo = new WorkerIdentity(beat.Name, address);
        }
    }

    /// <summary>Every live silo refused this sweep (none can run it).</summary>
    private bool Stuck()
    {
        var live = membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.Name).ToList();
        return _refused.Count > 0 && live.Count > 0 && live.All(_refused.ContainsKey);
    }

    private void Remember(string job)
    {
        _job = job;
        _strategy = ClusterJob.Parse(job).StrategyFile;
    }

    private void Add(string id, string trialsJson, IReadOnlySet<int> done)
    {
        var ids = ClusterJob.TrialsOf(trialsJson).Select(t => t.Id).ToArray();
        var unit = new Unit(id, trialsJson, ids) { Done = ids.All(done.Contains) };
        _units[id] = unit;
        if (!unit.Done) _queue.Enqueue(id);
    }

    private void GiveBack(string unitId, WorkerIdentity worker)
    {
        if (!_units.TryGetValue(unitId, out var unit) || unit.Done || unit.LeasedTo?.Name != worker.Name) return;
        unit.LeasedTo = null;
        _queue.Enqueue(unitId);
    }

    /// <summary>Batches leased to a silo the membership declared dead are queued again (Orleans detects the death;
    /// nothing here times out a worker).</summary>
    private void RequeueDead()
    {
        var snapshot = membership.CurrentSnapshot;
        foreach (var unit in _units.Values)
            if (!unit.Done && unit.LeasedTo is { } w && snapshot.GetSiloStatus(w.Silo) == SiloStatus.Dead)
            {
                LogRequeued(unit.Id, w.Name);
                unit.LeasedTo = null;
                _queue.Enqueue(unit.Id);
            }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Problem}")]
    private partial void LogBroken(string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "batch {Unit} of worker {Worker}, declared dead, is queued again")]
    private partial void LogRequeued(string unit, string worker);
}
