using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/PlanLoop.Benchmarks -- --filter '*'   (results: BenchmarkDotNet.Artifacts/results/*.md)
BenchmarkSwitcher.FromAssembly(typeof(PlanLoop.Benchmarks.IpfBenchmarks).Assembly).Run(args);
