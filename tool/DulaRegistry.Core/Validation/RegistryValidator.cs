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

    public static void Validate(LoadedRegistry registry, DateOnly today, IDiagnosticSink sink)
    {
        var context = new RuleContext(registry, today, sink);
        foreach (var rule in Rules)
        {
            try
            {
                rule.Check(context);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                sink.Report(InternalDiagnostics.InRule(rule.GetType().Name, ex));
            }
        }
    }

    /// <summary>Loads and validates the registry at <paramref name="root"/>.</summary>
    public static LoadedRegistry LoadAndValidate(string root, DateOnly today, IDiagnosticSink sink)
    {
        var registry = RegistryLoader.Load(root, sink);
        Validate(registry, today, sink);
        return registry;
    }
}
