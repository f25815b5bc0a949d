using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Primitives;

namespace Participation.Web.Infrastructure;

/// <summary>
/// Every text a person types reaches the site through one of three doors, and each door tidies it
/// with <see cref="CleanText.Tidy(string)"/>: a page's bound fields (the binder below), a live
/// session's calls (<see cref="TidyHubArguments"/>), and the few pages that read their form
/// themselves (<see cref="TidyForms.Tidied(IFormCollection)"/>).
/// </summary>
public static class TidyInput
{
    /// <summary>
    /// Wraps the binder of simple types where it stands in the list, so that the bindings which come
    /// before it (a body, a header, a service) keep theirs. A password, marked
    /// <c>[DataType(DataType.Password)]</c>, is bound as typed: the hasher composes it, and nothing
    /// is taken out of it.
    /// </summary>
    public static MvcOptions TidyTypedText(this MvcOptions options)
    {
        var providers = options.ModelBinderProviders;
        for (var i = 0; i < providers.Count; i++)
        {
            if (providers[i] is SimpleTypeModelBinderProvider simpleTypes)
            {
                providers[i] = new TidyTextBinderProvider(simpleTypes);
                return options;
            }
        }
        throw new InvalidOperationException("The binder of simple types is missing: typed text could not be tidied.");
    }

    private sealed class TidyTextBinderProvider(IModelBinderProvider simpleTypes) : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context)
        {
            var binder = simpleTypes.GetBinder(context);
            return binder is not null && context.Metadata.ModelType == typeof(string) && context.Metadata.DataTypeName != nameof(DataType.Password)
                ? new TidyTextBinder(binder)
                : binder;
        }
    }

    /// <summary>Binds from tidied values, so that the model state, shown again after a refusal, holds them too.</summary>
    private sealed class TidyTextBinder(IModelBinder simpleType) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext context)
        {
            var typed = context.ValueProvider;
            context.ValueProvider = new TidyValues(typed);
            try
            {
                await simpleType.BindModelAsync(context);
            }
            finally
            {
                context.ValueProvider = typed;
            }
        }
    }

    private sealed class TidyValues(IValueProvider typed) : IValueProvider
    {
        public bool ContainsPrefix(string prefix) => typed.ContainsPrefix(prefix);

        public ValueProviderResult GetValue(string key)
        {
            var result = typed.GetValue(key);
            return result == ValueProviderResult.None ? result : new ValueProviderResult(CleanText.Tidy(result.Values), result.Culture);
        }
    }
}

/// <summary>The text arguments of every hub call, tidied before the hub sees them: ideas, ballots, reactions.</summary>
public sealed class TidyHubArguments : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        object?[]? tidied = null;
        var arguments = invocation.HubMethodArguments;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] is string typed && CleanText.Tidy(typed) is var clean && !ReferenceEquals(clean, typed))
            {
                tidied ??= [.. arguments];
                tidied[i] = clean;
            }
        }
        return next(tidied is null ? invocation
            : new HubInvocationContext(invocation.Context, invocation.ServiceProvider, invocation.Hub, invocation.HubMethod, tidied));
    }
}

public static class TidyForms
{
    /// <summary>The posted fields, tidied as bound fields are, for a page that reads many fields it names itself.</summary>
    public static IEnumerable<KeyValuePair<string, StringValues>> Tidied(this IFormCollection form) =>
        form.Select(field => KeyValuePair.Create(field.Key, CleanText.Tidy(field.Value)));

    /// <summary>One posted field, tidied, or "" when the form does not have it.</summary>
    public static string Tidied(this IFormCollection form, string key) => CleanText.Tidy(form[key].ToString());
}
