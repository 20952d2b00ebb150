using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(AkkaEtl.Benchmarks.HotPaths).Assembly).Run(args);
