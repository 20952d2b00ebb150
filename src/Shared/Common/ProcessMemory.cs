namespace AkkaEtl.Common;

/// <summary>The process's peak resident memory, as the kernel counts it.</summary>
public static class ProcessMemory
{
    /// <summary>VmHWM from /proc/self/status on Linux; the peak working set elsewhere.</summary>
    public static long PeakResidentBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0]) * 1024;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return Environment.WorkingSet;
    }
}
