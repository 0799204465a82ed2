using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Model;

namespace DulaRegistry.Validation;

/// <summary>What every rule sees: the loaded registry, the date "today" and the sink.</summary>
public sealed class RuleContext(LoadedRegistry registry, DateOnly today, IDiagnosticSink sink)
{
    public LoadedRegistry Registry { get; } = registry;
    public RegistrySettings Settings => Registry.Settings;
    public DateOnly Today { get; } = today;

    /// <summary>Reports a finding, made by the factory of its code (<see cref="IdentityDiagnostics"/> and the like).</summary>
    public void Report(Diagnostic diagnostic) => sink.Report(diagnostic);
}

/// <summary>One group of related checks. Rules only read; they never change the registry.</summary>
public interface IRule
{
    void Check(RuleContext context);
}
