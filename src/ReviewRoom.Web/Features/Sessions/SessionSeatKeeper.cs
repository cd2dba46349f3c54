using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ReviewRoom.Web.Features.Sessions;

/// <summary>
/// This tab's seat in a session. It outlives the pages of the circuit, so moving from take to take keeps the seat
/// (and the presenter keeps presenting); it leaves when the connection goes.
/// </summary>
public sealed class SessionSeatKeeper(SessionCommands sessions) : CircuitHandler
{
    public string Key { get; } = sessions.NewSeatKey();

    /// <summary>This tab follows a presenter now: what it plays is the presenter's to decide.</summary>
    public bool Following { get; set; }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken) => sessions.DropSeatAsync(Key);

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken) => sessions.DropSeatAsync(Key);
}
