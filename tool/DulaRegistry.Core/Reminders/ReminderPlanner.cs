using System.Globalization;
using System.Text;
using DulaRegistry.Loading;
using DulaRegistry.Model;
using DulaRegistry.Notices;
using DulaRegistry.Validation;

namespace DulaRegistry.Reminders;

/// <summary>Why an agreement needs attention.</summary>
public enum ReminderKind
{
    /// <summary>An executed agreement under the MOU has entered its renewal window.</summary>
    Renewal,
    /// <summary>An executed legacy agreement has entered its renewal window: it must move into the framework.</summary>
    Migration,
    /// <summary>An executed agreement is past its expiry date and still marked executed.</summary>
    Expired,
}

/// <summary>An issue that should be open: its marker key, title and body.</summary>
public sealed record DesiredReminder(string AgreementId, ReminderKind Kind, string Title, string Body)
{
    public string KindName => ReminderPlanner.KindName(Kind);
}

/// <summary>
/// From the registry and today's date to the reminder issues that should be open (pure: no GitHub, no clock). An
/// executed agreement is due for renewal from <c>renewal_window_days</c> before its expiry; a legacy one is due to migrate
/// instead; one past its expiry needs its status ended or a renewal. An agreement that another executed agreement already
/// supersedes needs nothing.
/// </summary>
public static class ReminderPlanner
{
    public const string Label = "renewal";
    public const string MarkerKind = "remind";

    public static string KindName(ReminderKind kind) => kind switch
    {
        ReminderKind.Renewal => "renewal",
        ReminderKind.Migration => "migration",
        _ => "expired",
    };

    public static ReminderKind? ParseKind(string name) => name switch
    {
        "renewal" => ReminderKind.Renewal,
        "migration" => ReminderKind.Migration,
        "expired" => ReminderKind.Expired,
        _ => null,
    };

    public static string MarkerFor(string id, ReminderKind kind) => Marker.Format(MarkerKind, id, KindName(kind));

    /// <summary>The issues that should be open today, by agreement id.</summary>
    public static IReadOnlyList<DesiredReminder> Plan(LoadedRegistry registry, DateOnly today)
    {
        var window = registry.Settings.EffectiveRenewalWindowDays;
        var result = new List<DesiredReminder>();
        foreach (var document in registry.Agreements.OrderBy(a => a.Model.Id, StringComparer.Ordinal))
        {
            var agreement = document.Model;
            if (agreement.Id is not { } id || agreement.Status != AgreementStatus.Executed || agreement.Term?.Expires is not { } expires) continue;
            if (RenewedBy(registry, id) is not null) continue;
            var daysLeft = expires.DayNumber - today.DayNumber;
            ReminderKind? kind = daysLeft < 0 ? ReminderKind.Expired
                : daysLeft > window ? null
                : agreement.Framework == AgreementFramework.Legacy ? ReminderKind.Migration : ReminderKind.Renewal;
            if (kind is { } k) result.Add(new DesiredReminder(id, k, Title(agreement, id, k, expires), Body(registry, agreement, id, k, expires, daysLeft, window)));
        }
        return result;
    }

    /// <summary>
    /// Why a reminder for <paramref name="id"/> of <paramref name="kind"/> is no longer needed, in plain words for the
    /// closing comment; null when it still is (it is in <paramref name="plan"/>).
    /// </summary>
    public static string WhyResolved(LoadedRegistry registry, IReadOnlyList<DesiredReminder> plan, string id, ReminderKind kind, DateOnly today)
    {
        if (!registry.AgreementById.TryGetValue(id, out var document)) return $"{id} is no longer in the registry (no agreements/{id}.md that loads).";
        var agreement = document.Model;
        if (RenewedBy(registry, id) is { } successor)
        {
            return kind == ReminderKind.Migration
                ? $"{id} has been migrated: {successor} (executed) supersedes it."
                : $"{id} has been renewed: {successor} (executed) supersedes it.";
        }
        if (agreement.Status is { } status && status != AgreementStatus.Executed)
        {
            return $"{id} is now `{FrontMatterBinder.EnumName(status)}`" + (agreement.Ended is { } ended ? $" (ended {ended:yyyy-MM-dd})." : ".");
        }
        if (plan.FirstOrDefault(p => p.AgreementId == id) is { } now && now.Kind != kind)
        {
            return now.Kind == ReminderKind.Expired
                ? $"{id} expired on {agreement.Term?.Expires:yyyy-MM-dd}; a new issue asks for its status to be ended or for a renewal."
                : $"{id} now needs a {now.KindName} reminder instead.";
        }
        return agreement.Term?.Expires is { } expires && expires.DayNumber - today.DayNumber > registry.Settings.EffectiveRenewalWindowDays
            ? $"{id} now expires on {expires:yyyy-MM-dd}, outside the {registry.Settings.EffectiveRenewalWindowDays}-day renewal window."
            : $"{id} no longer needs this reminder.";
    }

    /// <summary>The executed (or since ended) agreement that supersedes <paramref name="id"/>, if any.</summary>
    public static string? RenewedBy(LoadedRegistry registry, string id) =>
        registry.Agreements.Select(a => a.Model)
            .Where(a => a.Supersedes == id && a.Id is not null && Lifecycle.WasExecuted(a.Status) && a.Status != AgreementStatus.Withdrawn)
            .Select(a => a.Id).Order(StringComparer.Ordinal).FirstOrDefault();

    private static string Title(Agreement agreement, string id, ReminderKind kind, DateOnly expires)
    {
        var title = RequestTitle(agreement.Title);
        return kind switch
        {
            ReminderKind.Renewal => $"Renewal due: {id} {title}expires {expires:yyyy-MM-dd}",
            ReminderKind.Migration => $"Migration due: {id} {title}expires {expires:yyyy-MM-dd}",
            _ => $"Expired: {id} {title}expired {expires:yyyy-MM-dd}",
        };
    }

    // An issue title is plain text (GitHub renders no Markdown there); only line breaks need to go.
    private static string RequestTitle(string? title) =>
        string.IsNullOrWhiteSpace(title) ? "" : $"({string.Join(' ', title.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}) ";

    private static string Body(LoadedRegistry registry, Agreement agreement, string id, ReminderKind kind, DateOnly expires, int daysLeft, int window)
    {
        var parties = agreement.Parties.Select(p => p.Agency).ToList();
        var mentions = Mentions.Coordinators(registry, parties);
        var command = agreement.Framework == AgreementFramework.Legacy ? $"registry migrate {id}" : $"registry renew {id}";
        var days = Math.Abs(daysLeft).ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder()
            .Append(MarkerFor(id, kind)).Append('\n')
            .Append(CultureInfo.InvariantCulture, $"**{id}**, {MarkdownText.Escape(agreement.Title)}, ");
        text.Append(kind switch
        {
            ReminderKind.Renewal => $"expires on **{expires:yyyy-MM-dd}**, in **{days} days**: it has entered the {window}-day renewal window.",
            ReminderKind.Migration => $"is a legacy agreement that expires on **{expires:yyyy-MM-dd}**, in **{days} days**: it has entered the {window}-day renewal window, and at renewal it must move into the data sharing framework (a new DULA under the MOU).",
            _ => $"expired on **{expires:yyyy-MM-dd}**, **{days} days ago**, and is still marked `executed`.",
        }).Append("\n\n");
        text.Append("Parties: ").Append(string.Join(", ", agreement.Parties.Select(p =>
            $"`{MarkdownText.Escape(p.Agency)}` ({MarkdownText.Escape(p.Agency is { } a && registry.AgencyById.TryGetValue(a, out var doc) ? doc.Model.Name : "unknown agency")})"))).Append(".\n");
        if (mentions.Count > 0) text.Append("Data Sharing Coordinators: ").Append(string.Join(' ', mentions)).Append('\n');
        if (Mentions.Unreachable(registry, parties) is { Count: > 0 } silent)
        {
            text.Append("No GitHub handle is listed for the coordinators of ").Append(string.Join(", ", silent.Select(s => $"`{MarkdownText.Escape(s)}`")))
                .Append("; tell them another way, and add `github:` under `coordinators` in their agency files.\n");
        }
        text.Append("\nTo start the ").Append(kind == ReminderKind.Migration || agreement.Framework == AgreementFramework.Legacy ? "migration" : "renewal")
            .Append(", run this in a clone of the registry and open a pull request with the new draft:\n\n```\n").Append(command).Append("\n```\n");
        if (kind == ReminderKind.Expired)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nIf the sharing has stopped, set `status: expired` in `agreements/{id}.md` instead.\n");
        }
        var drafts = registry.Agreements.Select(a => a.Model).Where(a => a.Supersedes == id && a.Id is not null && !Lifecycle.WasExecuted(a.Status) && a.Status != AgreementStatus.Withdrawn).ToList();
        if (drafts.Count > 0)
        {
            text.Append("\nAlready under way: ").Append(string.Join(", ", drafts.Select(d => $"{MarkdownText.Escape(d.Id)} (`{(d.Status is { } s ? FrontMatterBinder.EnumName(s) : "no status")}`)")))
                .Append(CultureInfo.InvariantCulture, $" supersedes {id}; this issue closes when it is executed.\n");
        }
        else
        {
            text.Append("\nThis issue closes by itself when a new agreement that supersedes it is executed, or when the agreement ends.\n");
        }
        return text.ToString();
    }
}
