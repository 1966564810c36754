using FaceCompat.Data;

namespace FaceCompat.Tests.Data;

public sealed class DatasetFolderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fc-ds-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Loads_index_attributes_and_embeddings()
    {
        WriteIndex("path,identity,male\na.jpg,bob,1\nb.jpg,\"smith, ann\",0\n");
        WriteModel("m", new Matrix<float>(2, 2, [1, 0, 0, 1]));
        DatasetFolder ds = DatasetFolder.Open(_dir);
        ds.Index.Identities.Should().Equal("bob", "smith, ann");
        ds.Index.Attributes["male"].Should().Equal("1", "0");
        ds.Models.Should().Equal("m");
        ds.Embeddings("m").Rows.Should().Be(2);
    }

    [Fact]
    public void Identity_codes_follow_ordinal_order()
    {
        var index = new DatasetIndex(["1", "2", "3"], ["b", "B", "a"]);
        index.UniqueIdentities.Should().Equal("B", "a", "b");
        index.IdentityCodes.Should().Equal(2, 0, 1);
    }

    [Fact]
    public void Mismatched_row_count_names_the_file_and_both_counts()
    {
        WriteIndex("path,identity\na.jpg,x\nb.jpg,y\nc.jpg,y\n");
        WriteModel("m", new Matrix<float>(2, 2, [1, 0, 0, 1]));
        Action act = () => DatasetFolder.Open(_dir).Embeddings("m");
        act.Should().Throw<DataFormatException>().WithMessage("*m.npy: 2 embedding rows but index.csv has 3*");
    }

    [Fact]
    public void NaN_is_reported_with_row_and_column()
    {
        WriteIndex("path,identity\na.jpg,x\nb.jpg,y\n");
        WriteModel("m", new Matrix<float>(2, 2, [1, 0, 0, float.NaN]));
        Action act = () => DatasetFolder.Open(_dir).Embeddings("m");
        act.Should().Throw<DataFormatException>().WithMessage("*m.npy: row 2, column 2: value is NaN*");
    }

    [Fact]
    public void Infinity_is_reported_with_row_and_column()
    {
        WriteIndex("path,identity\na.jpg,x\nb.jpg,y\n");
        WriteModel("m", new Matrix<float>(2, 2, [float.PositiveInfinity, 0, 0, 1]));
        Action act = () => DatasetFolder.Open(_dir).Embeddings("m");
        act.Should().Throw<DataFormatException>().WithMessage("*m.npy: row 1, column 1: value is Infinity*");
    }

    [Fact]
    public void All_zero_row_is_reported()
    {
        WriteIndex("path,identity\na.jpg,x\nb.jpg,y\n");
        WriteModel("m", new Matrix<float>(2, 2, [1, 0, 0, 0]));
        Action act = () => DatasetFolder.Open(_dir).Embeddings("m");
        act.Should().Throw<DataFormatException>().WithMessage("*m.npy: row 2: every value is zero*");
    }

    [Fact]
    public void Duplicate_path_names_both_rows()
    {
        WriteIndex("path,identity\na.jpg,x\nb.jpg,y\na.jpg,z\n");
        Action act = () => DatasetFolder.Open(_dir);
        act.Should().Throw<DataFormatException>().WithMessage("*index.csv: row 4, column 'path': duplicate path 'a.jpg' (first on row 2)*");
    }

    [Fact]
    public void Empty_identity_is_refused()
    {
        WriteIndex("path,identity\na.jpg,x\nb.jpg,\n");
        Action act = () => DatasetFolder.Open(_dir);
        act.Should().Throw<DataFormatException>().WithMessage("*index.csv: row 3, column 'identity': the identity is empty*");
    }

    [Fact]
    public void Wrong_header_is_refused()
    {
        WriteIndex("file,label\na.jpg,x\n");
        Action act = () => DatasetFolder.Open(_dir);
        act.Should().Throw<DataFormatException>().WithMessage("*index.csv: row 1: expected the header to start with 'path,identity'*");
    }

    [Fact]
    public void Unknown_model_lists_the_available_ones()
    {
        WriteIndex("path,identity\na.jpg,x\n");
        WriteModel("arcface", new Matrix<float>(1, 2, [1, 0]));
        WriteModel("clip", new Matrix<float>(1, 2, [1, 0]));
        Action act = () => DatasetFolder.Open(_dir).Embeddings("adaface");
        act.Should().Throw<DataFormatException>().WithMessage("*unknown model 'adaface'*Available models: arcface, clip.");
    }

    [Fact]
    public void Csv_embeddings_are_read()
    {
        WriteIndex("path,identity\na.jpg,x\nb.jpg,y\n");
        Directory.CreateDirectory(Path.Combine(_dir, "embeddings"));
        File.WriteAllText(Path.Combine(_dir, "embeddings", "c.csv"), "e0,e1\n0.5,1e-2\n-1,2\n");
        DatasetFolder.Open(_dir).Embeddings("c").ToArray().Should().Equal(0.5f, 0.01f, -1f, 2f);
    }

    [Fact]
    public void Cached_embeddings_written_by_a_caller_are_read_again_from_the_file()
    {
        WriteIndex("path,identity\na.jpg,x\nb.jpg,y\n");
        Directory.CreateDirectory(Path.Combine(_dir, "embeddings"));
        File.WriteAllText(Path.Combine(_dir, "embeddings", "c.csv"), "e0,e1\n0.5,1e-2\n-1,2\n");
        DatasetFolder folder = DatasetFolder.Open(_dir);
        Matrix<float> first = folder.Embeddings("c");
        folder.Embeddings("c").Should().BeSameAs(first, "an unwritten matrix comes from the cache");
        first.MutableRow(0)[0] = 9f;
        folder.Embeddings("c").ToArray().Should().Equal(0.5f, 0.01f, -1f, 2f);
    }

    private void WriteIndex(string text) => File.WriteAllText(Path.Combine(_dir, "index.csv"), text);

    private void WriteModel(string name, Matrix<float> m) => NpyFile.Write(Path.Combine(_dir, "embeddings", name + ".npy"), m);
}
