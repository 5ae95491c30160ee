using Baton.Cluster.Bench;

// dotnet bench/Baton.Cluster.Bench/bin/Release/net10.0/Baton.Cluster.Bench.dll --failover URI NAME=PID...
//   kill -9 a worker holding a batch (not the coordinator's host); seconds until its batch is queued and leased again
if (args is ["--failover", var uri, .. var workers] && workers.Length > 0) return await ClusterFailoverProbe.RunAsync(uri, workers);
await Console.Error.WriteLineAsync("usage: Baton.Cluster.Bench --failover redis://HOST:PORT NAME=PID...").ConfigureAwait(false);
return 2;
