using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace FaceCompat.Data;

/// <summary>
/// NumPy <c>.npy</c> files: versions 1.0, 2.0 and 3.0 headers, little-endian float32 or float64,
/// C order, one or two dimensions (a 1-D array reads as one row). Anything else is a
/// <see cref="DataFormatException"/> naming the file and what to do.
/// </summary>
public static partial class NpyFile
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads a 2-d C-order <c>.npy</c> file as single precision (float32 read directly, other float types converted).</summary>
    public static Matrix<float> ReadSingle(string path)
    {
        using FileStream stream = OpenRead(path);
        NpyHeader header = ReadHeader(stream, path);
        if (header.ElementSize != 4)
        {
            stream.Position = 0;
            return ReadSingle(stream, path);
        }

        // float32 on disk: read straight into the matrix, in parallel chunks (large files are
        // bound by page faults on the new array more than by the copy).
        long dataStart = stream.Position;
        long needed = (long)header.Rows * header.Columns * sizeof(float);
        if (stream.Length - dataStart < needed)
        {
            throw DataFormatException.InFile(
                path,
                $"the file is truncated: shape ({header.Rows}, {header.Columns}) of {header.Dtype} needs {needed} data bytes, found {Math.Max(0, stream.Length - dataStart)}. Re-export the embeddings.");
        }

        var result = Matrix<float>.Uninitialized(header.Rows, header.Columns);
        const int chunkFloats = 1 << 22;
        int chunks = (result.Values.Length + chunkFloats - 1) / chunkFloats;
        Microsoft.Win32.SafeHandles.SafeFileHandle handle = stream.SafeFileHandle;
        Parallel.For(0, chunks, c =>
        {
            int start = c * chunkFloats;
            Span<byte> target = MemoryMarshal.AsBytes(result.MutableValues().Slice(start, Math.Min(chunkFloats, result.Values.Length - start)));
            long offset = dataStart + ((long)start * sizeof(float));
            while (!target.IsEmpty)
            {
                int read = RandomAccess.Read(handle, target, offset);
                if (read <= 0)
                {
                    throw DataFormatException.InFile(path, "the file ended early while reading; re-export the embeddings.");
                }

                target = target[read..];
                offset += read;
            }
        });
        return result;
    }

    /// <summary>Reads a 2-d C-order <c>.npy</c> file as double precision.</summary>
    public static Matrix<double> ReadDouble(string path)
    {
        using FileStream stream = OpenRead(path);
        return ReadDouble(stream, path);
    }

    /// <summary>Reads a float32 or float64 array as float32. <paramref name="name"/> is used in messages.</summary>
    public static Matrix<float> ReadSingle(Stream stream, string name)
    {
        NpyHeader header = ReadHeader(stream, name);
        RequireData(stream, name, header);
        var result = Matrix<float>.Uninitialized(header.Rows, header.Columns);
        if (header.ElementSize == 4)
        {
            ReadExactly(stream, MemoryMarshal.AsBytes(result.MutableValues()), name, header);
        }
        else
        {
            double[] buffer = new double[result.Values.Length];
            ReadExactly(stream, MemoryMarshal.AsBytes(buffer.AsSpan()), name, header);
            Span<float> values = result.MutableValues();
            for (int i = 0; i < buffer.Length; i++)
            {
                values[i] = (float)buffer[i];
            }
        }

        return result;
    }

    /// <summary>Reads a float32 or float64 array as float64.</summary>
    public static Matrix<double> ReadDouble(Stream stream, string name)
    {
        NpyHeader header = ReadHeader(stream, name);
        RequireData(stream, name, header);
        var result = Matrix<double>.Uninitialized(header.Rows, header.Columns);
        if (header.ElementSize == 8)
        {
            ReadExactly(stream, MemoryMarshal.AsBytes(result.MutableValues()), name, header);
        }
        else
        {
            float[] buffer = new float[result.Values.Length];
            ReadExactly(stream, MemoryMarshal.AsBytes(buffer.AsSpan()), name, header);
            Span<double> values = result.MutableValues();
            for (int i = 0; i < buffer.Length; i++)
            {
                values[i] = buffer[i];
            }
        }

        return result;
    }

    /// <summary>Reads only the header: shape and dtype, without the data.</summary>
    public static NpyHeader ReadHeader(string path)
    {
        using FileStream stream = OpenRead(path);
        return ReadHeader(stream, path);
    }

    /// <summary>Writes the matrix as a little-endian float32 <c>.npy</c> file, atomically.</summary>
    public static void Write(string path, Matrix<float> matrix) => AtomicFile.Write(path, s => Write(s, matrix));

    /// <summary>Writes the matrix as a little-endian float64 <c>.npy</c> file, atomically.</summary>
    public static void Write(string path, Matrix<double> matrix) => AtomicFile.Write(path, s => Write(s, matrix));

    /// <summary>Writes the matrix as float32 <c>.npy</c> content to a stream.</summary>
    public static void Write(Stream stream, Matrix<float> matrix)
    {
        WriteHeader(stream, "<f4", matrix.Rows, matrix.Columns);
        stream.Write(MemoryMarshal.AsBytes(matrix.Values));
    }

    /// <summary>Writes the matrix as float64 <c>.npy</c> content to a stream.</summary>
    public static void Write(Stream stream, Matrix<double> matrix)
    {
        WriteHeader(stream, "<f8", matrix.Rows, matrix.Columns);
        stream.Write(MemoryMarshal.AsBytes(matrix.Values));
    }

    private static FileStream OpenRead(string path)
    {
        if (!File.Exists(path))
        {
            throw DataFormatException.InFile(path, "file not found.");
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
    }

    private static void WriteHeader(Stream stream, string descr, int rows, int columns)
    {
        string dict = string.Create(
            CultureInfo.InvariantCulture,
            $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({rows}, {columns}), }}");
        int unpadded = Magic.Length + 2 + 2 + dict.Length + 1;
        int padding = (64 - (unpadded % 64)) % 64;
        string header = dict + new string(' ', padding) + "\n";
        Span<byte> prefix = stackalloc byte[10];
        Magic.CopyTo(prefix);
        prefix[6] = 1;
        prefix[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(prefix[8..], (ushort)header.Length);
        stream.Write(prefix);
        stream.Write(Encoding.ASCII.GetBytes(header));
    }

    private static NpyHeader ReadHeader(Stream stream, string name)
    {
        Span<byte> prefix = stackalloc byte[8];
        if (stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false) < 8 || !prefix[..6].SequenceEqual(Magic))
        {
            throw DataFormatException.InFile(name, "not a NumPy .npy file (the magic string \\x93NUMPY is missing). Save embeddings with numpy.save.");
        }

        int major = prefix[6];
        if (major is not (1 or 2 or 3))
        {
            throw DataFormatException.InFile(name, $".npy format version {major}.{prefix[7]} is not supported (expected 1.0, 2.0 or 3.0).");
        }

        Span<byte> len = stackalloc byte[major == 1 ? 2 : 4];
        if (stream.ReadAtLeast(len, len.Length, throwOnEndOfStream: false) < len.Length)
        {
            throw DataFormatException.InFile(name, "the .npy header is truncated (the file ends inside its length field).");
        }

        long declared = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(len) : BinaryPrimitives.ReadUInt32LittleEndian(len);
        const int MaxHeader = 1 << 20;
        if (declared > MaxHeader || (stream.CanSeek && declared > stream.Length - stream.Position))
        {
            throw DataFormatException.InFile(name, $"the .npy header claims {declared} bytes, more than the file holds; the file is truncated or not a .npy file.");
        }

        int headerLength = (int)declared;

        byte[] headerBytes = new byte[headerLength];
        if (stream.ReadAtLeast(headerBytes, headerLength, throwOnEndOfStream: false) < headerLength)
        {
            throw DataFormatException.InFile(name, "the .npy header is truncated.");
        }

        string text = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(headerBytes);
        return ParseHeader(text, name);
    }

    private static NpyHeader ParseHeader(string text, string name)
    {
        Match descr = DescrPattern().Match(text);
        Match fortran = FortranPattern().Match(text);
        Match shape = ShapePattern().Match(text);
        if (!descr.Success || !fortran.Success || !shape.Success)
        {
            throw DataFormatException.InFile(name, $"cannot parse the .npy header '{text.Trim()}'.");
        }

        string dtype = descr.Groups[1].Value;
        int elementSize = dtype switch
        {
            "<f4" => 4,
            "<f8" => 8,
            _ => throw DataFormatException.InFile(
                name,
                $"dtype '{dtype}' is not supported: expected little-endian float32 ('<f4') or float64 ('<f8'). Convert with arr.astype('<f4')."),
        };

        if (fortran.Groups[1].Value == "True")
        {
            throw DataFormatException.InFile(name, "the array is in Fortran (column-major) order; expected C order. Save numpy.ascontiguousarray(arr) instead.");
        }

        string[] dims = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        long[] sizes = new long[dims.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            if (!long.TryParse(dims[i], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] > Array.MaxLength)
            {
                throw DataFormatException.InFile(name, $"the .npy shape ({shape.Groups[1].Value.Trim()}) is not a list of sizes (whole numbers >= 0); the header is damaged.");
            }
        }
        (long rows, long columns) = sizes.Length switch
        {
            1 => (1L, sizes[0]),
            2 => (sizes[0], sizes[1]),
            _ => throw DataFormatException.InFile(name, $"expected a 2-D array (rows x dimensions), found shape ({string.Join(", ", dims)})."),
        };

        if (columns > 0 && rows > Array.MaxLength / columns)
        {
            throw DataFormatException.InFile(name, $"array of shape ({rows}, {columns}) is too large for one matrix.");
        }

        return new NpyHeader(dtype, (int)rows, (int)columns, elementSize);
    }

    /// <summary>On a seekable stream, refuses a header whose shape needs more bytes than follow it (before allocating for it).</summary>
    private static void RequireData(Stream stream, string name, NpyHeader header)
    {
        long needed = (long)header.Rows * header.Columns * header.ElementSize;
        if (stream.CanSeek && stream.Length - stream.Position < needed)
        {
            throw DataFormatException.InFile(
                name,
                $"the file is truncated: shape ({header.Rows}, {header.Columns}) of {header.Dtype} needs {needed} data bytes, found {Math.Max(0, stream.Length - stream.Position)}. Re-export the embeddings.");
        }
    }

    private static void ReadExactly(Stream stream, Span<byte> destination, string name, NpyHeader header)
    {
        int read = stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
        if (read < destination.Length)
        {
            throw DataFormatException.InFile(
                name,
                $"the file is truncated: shape ({header.Rows}, {header.Columns}) of {header.Dtype} needs {destination.Length} data bytes, found {read}. Re-export the embeddings.");
        }
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}

/// <summary>What a .npy header says: dtype, shape (as rows x columns) and element size in bytes.</summary>
public readonly record struct NpyHeader(string Dtype, int Rows, int Columns, int ElementSize);
