using System.Globalization;

namespace ReviewRoom.Benchmarks;

/// <summary>Command-line settings: --clients, --rooms, --rate (notes per second), --seconds, --profile large.</summary>
internal sealed record BenchmarkOptions(int Clients, int Rooms, double NotesPerSecond, int Seconds)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var options = args.Contains("large") ? new BenchmarkOptions(2000, 20, 20, 20) : new BenchmarkOptions(200, 4, 20, 15);
        for (var i = 0; i + 1 < args.Length; i++)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--clients" => options with { Clients = int.Parse(value, CultureInfo.InvariantCulture) },
                "--rooms" => options with { Rooms = int.Parse(value, CultureInfo.InvariantCulture) },
                "--rate" => options with { NotesPerSecond = double.Parse(value, CultureInfo.InvariantCulture) },
                "--seconds" => options with { Seconds = int.Parse(value, CultureInfo.InvariantCulture) },
                _ => options,
            };
        }
        if (options.Clients < options.Rooms || options.Rooms < 1 || options.NotesPerSecond <= 0 || options.Seconds < 1)
            throw new ArgumentException("Need at least one client per room, one room, a positive rate and at least one second.");
        return options;
    }

    public int Notes => (int)Math.Round(NotesPerSecond * Seconds);

    /// <summary>A mode's own whole-number option (<c>--pages 40</c>), or <paramref name="fallback"/> when not given.</summary>
    public static int Number(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
