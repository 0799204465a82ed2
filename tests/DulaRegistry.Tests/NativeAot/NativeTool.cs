using System.Diagnostics;
using DulaRegistry.Tests.GitHub;

namespace DulaRegistry.Tests.NativeAot;

/// <summary>
/// The tool published as one native executable (<c>dotnet publish -p:PublishAot=true</c>), made once for the tests of
/// <see cref="NativeToolGroup"/>: it is what the README offers for speed, so it is held to the same behaviour as
/// the JIT-compiled tool the other tests run. The publish needs a C compiler and linker (clang or gcc), as every Native
/// AOT build on Linux does; .ci/run installs one when it is missing.
/// </summary>
public sealed class NativeTool : IAsyncLifetime
{
    private static readonly TimeSpan s_publishTimeout = TimeSpan.FromMinutes(15);

    /// <summary>The native executable.</summary>
    public string Executable { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!OnPath("clang") && !OnPath("gcc"))
        {
            throw new InvalidOperationException(
                "the native (AOT) tool cannot be built: no C compiler and linker on PATH (clang or gcc); .ci/run installs one, or run: apt-get install clang");
        }
        var project = GitHubTestRegistry.RepositoryFile("tool/RegistryTool/RegistryTool.csproj");
        var output = Path.Combine(AppContext.BaseDirectory, "native-tool");
        // No build servers or reused nodes: they would outlive the publish holding its output pipes open.
        var start = ToolProcess.Redirected(ToolProcess.DotnetHost,
        [
            "publish", project, "-c", "Release", "--use-current-runtime", "-p:PublishAot=true", "-o", output,
            "--nologo", "-v", "quiet", "-nodeReuse:false", "--disable-build-servers",
        ]);
        // The test host runs under `dotnet test`, whose MSBuild settings must not leak into a separate build.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        using var publish = ToolProcess.Start(start);
        var (exit, stdout, stderr) = await publish.WaitForExitAsync(s_publishTimeout);
        Executable = Path.Combine(output, "RegistryTool");
        if (exit != 0 || !File.Exists(Executable))
        {
            throw new InvalidOperationException($"the native publish failed (exit {exit}):\n{stdout}\n{stderr}");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>How to run it: like <see cref="ToolProcess.StartInfo"/>, with this executable instead of <c>dotnet RegistryTool.dll</c>.</summary>
    public ProcessStartInfo StartInfo(params string[] args) => ToolProcess.StartInfo(args, Executable);

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, program)));
}

/// <summary>The tests that run the native executable: they share one publish of it.</summary>
[CollectionDefinition(Name)]
public sealed class NativeToolGroup : ICollectionFixture<NativeTool>
{
    public const string Name = "native tool";
}
