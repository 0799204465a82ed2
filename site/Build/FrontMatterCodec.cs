using DulaRegistry.Model;

namespace DulaRegistry.Site.Build;

/// <summary>
/// The bound front matter of a file (<see cref="Agreement"/>, <see cref="Agency"/>) as the file cache keeps it: every
/// property, in declaration order, written and read by hand. A general serializer was measured at 40 µs an agreement (its
/// path for init-only records), most of a one-file rebuild's loading; this is a few. <c>FileCacheFormatTests</c> fills every
/// property of every type by reflection and fails when one is added to the model and not here.
/// </summary>
internal static class FrontMatterCodec
{
    /// <summary>Writes <paramref name="model"/>; false when something in it would not come back the same (see <see cref="CacheWriter.Exact"/>).</summary>
    public static bool TryWrite<T>(CacheWriter writer, T model) where T : class
    {
        switch (model)
        {
            case Agreement agreement: Write(writer, agreement); break;
            case Agency agency: Write(writer, agency); break;
            default: return false;
        }
        return writer.Exact;
    }

    public static T Read<T>(ref CacheReader reader) where T : class =>
        typeof(T) == typeof(Agreement) ? (T)(object)ReadAgreement(ref reader)
        : typeof(T) == typeof(Agency) ? (T)(object)ReadAgency(ref reader)
        : throw new InvalidDataException($"the file cache keeps no {typeof(T).Name}");

    private static void Write(CacheWriter w, Agreement a)
    {
        w.WriteNullable(a.Id);
        w.WriteNullable(a.Title);
        w.WriteNullable(a.Status);
        w.WriteNullable(a.Framework);
        w.WriteCount(a.Parties, static (w, p) =>
        {
            w.WriteNullable(p.Agency);
            w.WriteNullable(p.Role);
            WriteContact(w, p.DulaManager);
            WritePerson(w, p.Signatory);
        });
        w.WriteCount(a.Drafters, static (w, d) =>
        {
            w.WriteNullable(d.Name);
            w.WriteNullable(d.Agency);
        });
        w.WriteNullable(a.Purpose);
        w.WriteCount(a.Data, static (w, d) =>
        {
            w.WriteNullable(d.Name);
            w.WriteNullable(d.From);
            w.WriteCount(d.To, static (w, s) => w.WriteNullable(s));
            w.WriteNullable(d.Classification);
            w.WriteCount(d.Elements, static (w, s) => w.WriteNullable(s));
            w.WriteCount(d.Regulations, static (w, s) => w.WriteNullable(s));
            w.WriteNullable(d.Frequency);
            w.WriteNullable(d.Transfer);
        });
        w.WriteCount(a.LegalAuthority, static (w, l) =>
        {
            w.WriteNullable(l.Citation);
            w.WriteNullable(l.Note);
        });
        w.Writer.Write(a.Term is not null);
        if (a.Term is { } term)
        {
            w.WriteNullable(term.Effective);
            w.WriteNullable(term.Expires);
        }
        w.WriteNullable(a.Retention);
        w.WriteNullable(a.ServiceRequest);
        w.WriteCount(a.Signatures, static (w, s) =>
        {
            w.WriteNullable(s.Agency);
            w.WriteNullable(s.Name);
            w.WriteNullable(s.Title);
            w.WriteNullable(s.Date);
        });
        w.Writer.Write(a.ExecutedCopy is not null);
        if (a.ExecutedCopy is { } copy) w.WriteNullable(copy.Sha256);
        w.WriteNullable(a.Supersedes);
        w.WriteNullable(a.Ended);
        w.WriteNullable(a.SupersededBy);
        w.WriteNullable(a.Amends);
        w.WriteCount(a.Tags, static (w, s) => w.WriteNullable(s));
    }

    private static Agreement ReadAgreement(ref CacheReader r)
    {
        var id = r.ReadNullableString();
        var title = r.ReadNullableString();
        var status = r.ReadNullableEnum<AgreementStatus>();
        var framework = r.ReadNullableEnum<AgreementFramework>();
        var parties = ReadList(ref r, static (ref r) => new Party
        {
            Agency = r.ReadNullableString(),
            Role = r.ReadNullableEnum<PartyRole>(),
            DulaManager = ReadContact(ref r),
            Signatory = ReadPerson(ref r),
        });
        var drafters = ReadList(ref r, static (ref r) => new Drafter { Name = r.ReadNullableString(), Agency = r.ReadNullableString() });
        var purpose = r.ReadNullableString();
        var data = ReadList(ref r, static (ref r) => new DataItem
        {
            Name = r.ReadNullableString(),
            From = r.ReadNullableString(),
            To = ReadStrings(ref r),
            Classification = r.ReadNullableEnum<DataClassification>(),
            Elements = ReadStrings(ref r),
            Regulations = ReadStrings(ref r),
            Frequency = r.ReadNullableEnum<DataFrequency>(),
            Transfer = r.ReadNullableString(),
        });
        var authorities = ReadList(ref r, static (ref r) => new LegalAuthority { Citation = r.ReadNullableString(), Note = r.ReadNullableString() });
        var term = r.ReadBoolean() ? new Term { Effective = r.ReadNullableDate(), Expires = r.ReadNullableDate() } : null;
        var retention = r.ReadNullableString();
        var serviceRequest = r.ReadNullableString();
        var signatures = ReadList(ref r, static (ref r) =>
            new Signature { Agency = r.ReadNullableString(), Name = r.ReadNullableString(), Title = r.ReadNullableString(), Date = r.ReadNullableDate() });
        var copy = r.ReadBoolean() ? new ExecutedCopy { Sha256 = r.ReadNullableString() } : null;
        return new Agreement
        {
            Id = id,
            Title = title,
            Status = status,
            Framework = framework,
            Parties = parties,
            Drafters = drafters,
            Purpose = purpose,
            Data = data,
            LegalAuthority = authorities,
            Term = term,
            Retention = retention,
            ServiceRequest = serviceRequest,
            Signatures = signatures,
            ExecutedCopy = copy,
            Supersedes = r.ReadNullableString(),
            Ended = r.ReadNullableDate(),
            SupersededBy = r.ReadNullableString(),
            Amends = r.ReadNullableString(),
            Tags = ReadStrings(ref r),
        };
    }

    private static void Write(CacheWriter w, Agency a)
    {
        w.WriteNullable(a.Id);
        w.WriteNullable(a.Name);
        w.WriteNullable(a.Acronym);
        w.WriteNullable(a.Kind);
        w.WriteNullable(a.Secretariat);
        w.Writer.Write(a.Mou is not null);
        if (a.Mou is { } mou) w.WriteNullable(mou.Signed);
        w.WriteCount(a.Coordinators, static (w, c) =>
        {
            w.WriteNullable(c.Name);
            w.WriteNullable(c.Title);
            w.WriteNullable(c.Email);
            w.WriteNullable(c.Github);
        });
        w.WriteCount(a.LegalReviewers, static (w, s) => w.WriteNullable(s));
        w.WriteCount(a.Signatories, static (w, p) =>
        {
            w.WriteNullable(p.Name);
            w.WriteNullable(p.Title);
        });
        w.WriteNullable(a.Website);
    }

    private static Agency ReadAgency(ref CacheReader r)
    {
        var id = r.ReadNullableString();
        var name = r.ReadNullableString();
        var acronym = r.ReadNullableString();
        var kind = r.ReadNullableEnum<AgencyKind>();
        var secretariat = r.ReadNullableString();
        var mou = r.ReadBoolean() ? new MouSignature { Signed = r.ReadNullableDate() } : null;
        var coordinators = ReadList(ref r, static (ref r) =>
            new Coordinator { Name = r.ReadNullableString(), Title = r.ReadNullableString(), Email = r.ReadNullableString(), Github = r.ReadNullableString() });
        var reviewers = ReadStrings(ref r);
        var signatories = ReadList(ref r, static (ref r) => new Person { Name = r.ReadNullableString(), Title = r.ReadNullableString() });
        return new Agency
        {
            Id = id,
            Name = name,
            Acronym = acronym,
            Kind = kind,
            Secretariat = secretariat,
            Mou = mou,
            Coordinators = coordinators,
            LegalReviewers = reviewers,
            Signatories = signatories,
            Website = r.ReadNullableString(),
        };
    }

    private static void WriteContact(CacheWriter w, Contact? contact)
    {
        w.Writer.Write(contact is not null);
        if (contact is null) return;
        w.WriteNullable(contact.Name);
        w.WriteNullable(contact.Title);
        w.WriteNullable(contact.Email);
    }

    private static Contact? ReadContact(ref CacheReader r) =>
        r.ReadBoolean() ? new Contact { Name = r.ReadNullableString(), Title = r.ReadNullableString(), Email = r.ReadNullableString() } : null;

    private static void WritePerson(CacheWriter w, Person? person)
    {
        w.Writer.Write(person is not null);
        if (person is null) return;
        w.WriteNullable(person.Name);
        w.WriteNullable(person.Title);
    }

    private static Person? ReadPerson(ref CacheReader r) =>
        r.ReadBoolean() ? new Person { Name = r.ReadNullableString(), Title = r.ReadNullableString() } : null;

    // A list item is never null: the binder leaves a null item out.
    private static List<string> ReadStrings(ref CacheReader r) =>
        ReadList(ref r, static (ref r) => r.ReadNullableString() ?? throw new InvalidDataException("the file cache is damaged"));

    private delegate TItem ItemReader<TItem>(ref CacheReader reader);

    private static List<TItem> ReadList<TItem>(ref CacheReader r, ItemReader<TItem> read)
    {
        var count = r.ReadCount();
        var list = new List<TItem>(count);
        for (var i = 0; i < count; i++) list.Add(read(ref r));
        return list;
    }
}
