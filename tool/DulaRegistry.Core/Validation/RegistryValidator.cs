using DulaRegistry.Diagnostics;
using DulaRegistry.Loading;
using DulaRegistry.Validation.Rules;

namespace DulaRegistry.Validation;

/// <summary>Runs every rule, in this order, over a loaded registry.</summary>
public static class RegistryValidator
{
    public static readonly IReadOnlyList<IRule> Rules =
    [
        new IdentityRules(),
        new AgencyRules(),
        new PartyRules(),
        new DataFlowRules(),
        new TermRules(),
        new LifecycleRules(),
        new ReferenceRules(),
        new BodyRules(),
        new TemplateLeftoverRules(),
    ];

    public static void Validate(LoadedRegistry registry, DateOnly today, IDiagnosticSink sink, CancellationToken cancellationToken = default)
    {
        // Rules only read, and each is a pass over the whole registry, so they run side by side, each into a list of its
        // own; the lists are passed on in rule order, so the sink hears the same reports in the same order as from one thread.
        var found = new List<Diagnostic>[Rules.Count];
        Parallel.For(0, Rules.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var list = found[i] = [];
            var rule = Rules[i];
            try
            {
                rule.Check(new RuleContext(registry, today, new ListSink(list)));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                list.Add(InternalDiagnostics.InRule(rule.GetType().Name, ex));
            }
        });
        foreach (var list in found)
        {
            foreach (var diagnostic in list) sink.Report(diagnostic);
        }
    }

    private sealed class ListSink(List<Diagnostic> list) : IDiagnosticSink
    {
        public void Report(Diagnostic diagnostic) => list.Add(diagnostic);
    }

    /// <summary>Loads and validates the registry at <paramref name="root"/>; <paramref name="cancellationToken"/> stops it between
    /// files or rules.</summary>
    public static LoadedRegistry LoadAndValidate(string root, DateOnly today, IDiagnosticSink sink, CancellationToken cancellationToken = default)
    {
        var registry = RegistryLoader.Load(root, sink, LoadOptions.Default with { Cancellation = cancellationToken });
        Validate(registry, today, sink, cancellationToken);
        return registry;
    }
}
