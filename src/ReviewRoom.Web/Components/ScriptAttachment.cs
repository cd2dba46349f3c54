using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ReviewRoom.Web.Components;

/// <summary>
/// A page script imported as a module and attached to a component's element: its module's
/// <c>attach(...)</c> returns a handle with <c>dispose()</c>. One place for the lifecycle every such
/// component needs: a component left before its script arrived (a quick click away) attaches nothing and
/// does not end the circuit, and a tab that has gone needs no detaching.
/// </summary>
public sealed class ScriptAttachment : IAsyncDisposable
{
    // The JS runtime serialises with options of its own circuit, so each open page would build, for every type it
    // sends, its own JSON metadata (an anonymous object's properties with emitted getters, a double with its thirty
    // interfaces): tens of kilobytes a page. Plain data is made JSON here, once per type for the whole server, and
    // crosses as a JsonElement, which the runtime writes as it is. camelCase, as the runtime's own options.
    private static readonly JsonSerializerOptions PlainData = new(JsonSerializerDefaults.Web);

    private IJSObjectReference? _module;
    private IJSObjectReference? _handle;
    private bool _disposed;

    /// <summary>The imported module, for calls to its other exports; null until attached.</summary>
    public IJSObjectReference? Module => _handle is null ? null : _module;

    /// <summary>The handle <c>attach</c> returned, for calls on what was attached; null until attached.</summary>
    public IJSObjectReference? Handle => _handle;

    /// <param name="modulePath">The script's address under the web root; give the component's <c>Assets["js/x.js"]</c> so the build's fingerprinted copy is loaded.</param>
    public async Task AttachAsync(IJSRuntime js, string modulePath, params object?[] arguments)
    {
        try
        {
            // From the site root: a relative module address would resolve against Blazor's own script.
            _module = await js.InvokeAsync<IJSObjectReference>("import", "/" + modulePath.TrimStart('.', '/'));
            if (!_disposed)
                _handle = await _module.InvokeAsync<IJSObjectReference>("attach", ForScript(arguments));
        }
        catch (Exception ex) when (ex is JSDisconnectedException or TaskCanceledException or ObjectDisposedException || _disposed)
        {
            // The component or the tab went away while the script was on its way.
        }
    }

    /// <summary>Calls a method of what was attached; nothing before it is attached.</summary>
    public async Task CallAsync(string method, params object?[] arguments)
    {
        if (_handle is { } handle)
            await handle.InvokeVoidAsync(method, ForScript(arguments));
    }

    /// <summary>
    /// The arguments as they should cross to a page script: references the runtime must track (an element, a .NET
    /// object for callbacks, a script object) and strings as they are; every other value as JSON made once per type.
    /// </summary>
    public static object?[] ForScript(object?[] arguments) => Array.ConvertAll(arguments, argument => argument switch
    {
        null or string or ElementReference or IJSObjectReference => argument,
        _ when argument.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(DotNetObjectReference<>) => argument,
        _ => JsonSerializer.SerializeToElement(argument, argument.GetType(), PlainData),
    });

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        try
        {
            if (_handle is not null)
            {
                await _handle.InvokeVoidAsync("dispose");
                await _handle.DisposeAsync();
            }
            if (_module is not null)
                await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone with the tab; there is nothing left to detach.
        }
    }
}
