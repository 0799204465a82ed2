using DulaRegistry.Model;

namespace DulaRegistry.Scaffolding;

/// <summary>A party of a new draft: its agency and role, and the contacts carried over from an earlier agreement (if any).</summary>
public sealed record DraftParty(string Agency, PartyRole Role, Contact? DulaManager = null, Person? Signatory = null)
{
    public bool Gives => Role is PartyRole.Owner or PartyRole.Both;

    public bool Receives => Role is PartyRole.Recipient or PartyRole.Both;

    /// <summary>
    /// The parties for the given owners and recipients, in the order first named (recipients first, as the template
    /// lists them); an agency named on both sides is one party with role <c>both</c>.
    /// </summary>
    public static IReadOnlyList<DraftParty> From(IReadOnlyList<string> owners, IReadOnlyList<string> recipients)
    {
        var order = recipients.Concat(owners).Distinct(StringComparer.Ordinal);
        return [.. order.Select(id => new DraftParty(id,
            owners.Contains(id, StringComparer.Ordinal) && recipients.Contains(id, StringComparer.Ordinal) ? PartyRole.Both
            : owners.Contains(id, StringComparer.Ordinal) ? PartyRole.Owner : PartyRole.Recipient))];
    }

    /// <summary>The parties of an existing agreement, with their contacts; parties without an agency or role are left out.</summary>
    public static IReadOnlyList<DraftParty> Of(Agreement agreement) =>
        [.. agreement.Parties.Where(p => !string.IsNullOrWhiteSpace(p.Agency) && p.Role is not null)
            .Select(p => new DraftParty(p.Agency!, p.Role!.Value, p.DulaManager, p.Signatory))];
}
