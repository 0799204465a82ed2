using System.Collections;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using DulaRegistry.Model;

namespace DulaRegistry.Loading;

/// <summary>
/// Every type front matter binds to, each described once from its static type: a record's settable properties by YAML key and
/// how to make one, how to make each kind of list, each enum's values by name. Nothing is found by reflection on a type met at
/// run time, so the trimmed Native AOT build keeps exactly what binding uses, and it binds as the JIT build does: a type
/// missing here fails in both (<c>FrontMatterTypesTests</c> walks the model and checks that none is).
/// </summary>
internal static class FrontMatterTypes
{
    private const DynamicallyAccessedMemberTypes Bindable =
        DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor;

    private static readonly FrozenDictionary<Type, Record> s_records = new[]
    {
        Describe<Agreement>(), Describe<Party>(), Describe<Drafter>(), Describe<DataItem>(), Describe<LegalAuthority>(),
        Describe<Term>(), Describe<Signature>(), Describe<ExecutedCopy>(),
        Describe<Agency>(), Describe<MouSignature>(), Describe<Coordinator>(), Describe<Person>(), Describe<Contact>(),
        Describe<RegistrySettings>(),
    }.ToFrozenDictionary(r => r.Type);

    private static readonly FrozenDictionary<Type, Func<IList>> s_lists = new Dictionary<Type, Func<IList>>
    {
        [typeof(List<string>)] = static () => new List<string>(),
        [typeof(List<Party>)] = static () => new List<Party>(),
        [typeof(List<Drafter>)] = static () => new List<Drafter>(),
        [typeof(List<DataItem>)] = static () => new List<DataItem>(),
        [typeof(List<LegalAuthority>)] = static () => new List<LegalAuthority>(),
        [typeof(List<Signature>)] = static () => new List<Signature>(),
        [typeof(List<Coordinator>)] = static () => new List<Coordinator>(),
        [typeof(List<Person>)] = static () => new List<Person>(),
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<Type, Dictionary<string, object>> s_enums = new[]
    {
        Values<AgreementStatus>(), Values<AgreementFramework>(), Values<PartyRole>(), Values<DataClassification>(),
        Values<DataFrequency>(), Values<AgencyKind>(),
    }.ToFrozenDictionary(e => e.Type, e => e.Values);

    /// <summary>A record front matter binds to: how to make one, and its settable properties by YAML key, in declaration order
    /// (the order a diagnostic lists the allowed keys in).</summary>
    public sealed record Record(Type Type, Func<object> Create, IReadOnlyDictionary<string, Property> Properties);

    /// <summary>A settable property: its type, and a setter made once (not <see cref="PropertyInfo.SetValue(object, object)"/>
    /// looked up per value).</summary>
    public sealed record Property(Type Type, Action<object, object> Set);

    /// <summary>Every type described here, for the test that checks the model against them.</summary>
    public static IEnumerable<Type> All => s_records.Keys.Concat(s_lists.Keys).Concat(s_enums.Keys);

    public static Record RecordOf(Type type) => s_records.TryGetValue(type, out var record) ? record : throw Unsupported(type);

    public static IList NewList(Type type) => s_lists.TryGetValue(type, out var create) ? create() : throw Unsupported(type);

    /// <summary>An enum's values by their YAML names (kebab-case), boxed.</summary>
    public static Dictionary<string, object> EnumValues(Type type) => s_enums.TryGetValue(type, out var values) ? values : throw Unsupported(type);

    private static NotSupportedException Unsupported(Type type) =>
        new($"front matter of type {type.Name} is not supported: describe it in {nameof(FrontMatterTypes)}");

    private static Record Describe<[DynamicallyAccessedMembers(Bindable)] T>() where T : class, new() => new(
        typeof(T),
        static () => new T(),
        typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToDictionary(p => FrontMatterBinder.KeyName(p.Name), p => new Property(p.PropertyType, Setter(p)), StringComparer.Ordinal));

    private static (Type Type, Dictionary<string, object> Values) Values<TEnum>() where TEnum : struct, Enum =>
        (typeof(TEnum), Enum.GetValues<TEnum>().ToDictionary(v => FrontMatterBinder.EnumName(v), v => (object)v, StringComparer.Ordinal));

    private static Action<object, object> Setter(PropertyInfo property)
    {
        // Where code can be made at run time (the JIT build), a typed delegate: invoking the setter by reflection was a tenth
        // of loading. The Native AOT build cannot make one for a value type, and its reflection invoke is precompiled.
        if (RuntimeFeature.IsDynamicCodeSupported)
        {
            return (Action<object, object>)typeof(FrontMatterTypes).GetMethod(nameof(TypedSetter), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(property.DeclaringType!, property.PropertyType)
                .Invoke(null, [property.SetMethod!])!;
        }
        return (target, value) => property.SetValue(target, value);
    }

    private static Action<object, object> TypedSetter<TTarget, TValue>(MethodInfo setter)
    {
        var set = setter.CreateDelegate<Action<TTarget, TValue>>();
        return (target, value) => set((TTarget)target, (TValue)value);
    }
}
