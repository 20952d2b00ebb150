using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace AkkaEtl.Storage;

/// <summary>
/// Starts the kernel writing a file's dirty pages while we keep producing the rest (Linux <c>sync_file_range</c>), so
/// that the fsync before a commit finds little left to write instead of stalling on the whole file. A hint only:
/// elsewhere, or if the call fails, nothing happens and the final fsync does all the work.
/// </summary>
public static partial class Writeback
{
    private const uint SyncFileRangeWrite = 2;
    private static bool _unavailable = !OperatingSystem.IsLinux();

    public static void Start(SafeFileHandle file, long offset, long length)
    {
        if (_unavailable || length <= 0) return;
        try
        {
            var added = false;
            file.DangerousAddRef(ref added);
            try { _ = sync_file_range((int)file.DangerousGetHandle(), offset, length, SyncFileRangeWrite); }
            finally { if (added) file.DangerousRelease(); }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int sync_file_range(int fd, long offset, long nbytes, uint flags);
}
