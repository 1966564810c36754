using FaceCompat.Data;
using FaceCompat.Geometry;

namespace FaceCompat.Tests.Geometry;

public sealed class MacroscaleTests
{
    /// <summary>200 identities x 3 images; "shaping" moves the embedding along one direction, "noise" does nothing.</summary>
    internal static (int[] Codes, Matrix<float> Rows, Dictionary<string, string[]> Attributes) Shaped(int seed)
    {
        var random = new Random(seed);
        const int Identities = 200, PerIdentity = 3, D = 16;
        int n = Identities * PerIdentity;
        var rows = new Matrix<float>(n, D);
        int[] codes = new int[n];
        string[] shaping = new string[n], noise = new string[n], constant = new string[n];
        for (int i = 0; i < Identities; i++)
        {
            double[] centre = Enumerable.Range(0, D).Select(_ => random.NextDouble() - 0.5).ToArray();
            for (int k = 0; k < PerIdentity; k++)
            {
                int r = (i * PerIdentity) + k;
                codes[r] = i;
                bool on = random.NextDouble() < 0.5;
                shaping[r] = on ? "1" : "-1";
                noise[r] = random.NextDouble() < 0.5 ? "1" : "0";
                constant[r] = "1";
                for (int c = 0; c < D; c++)
                {
                    rows[r, c] = (float)(centre[c] + (0.1 * (random.NextDouble() - 0.5)) + (c == 0 && on ? 1.5 : 0.0));
                }
            }
        }

        return (codes, rows, new Dictionary<string, string[]> { ["shaping"] = shaping, ["noise"] = noise, ["constant"] = constant });
    }

    [Fact]
    public void An_attribute_that_moves_the_embedding_has_a_larger_ks_than_noise()
    {
        (int[] codes, Matrix<float> rows, var attributes) = Shaped(1);
        MacroscaleResult result = Macroscale.Run(codes, new Dictionary<string, Matrix<float>> { ["m"] = rows }, attributes, seed: 0, maxCloud: 500);
        double Ks(string a) => result.Attributes.Single(x => x.Attribute == a).MeanKs;
        Ks("shaping").Should().BeGreaterThan(Ks("noise") + 0.2);
        Ks("noise").Should().BeLessThan(0.1); // (its p-values are not tested: distances that share points are not independent samples)
        result.Skipped.Should().ContainSingle().Which.Should().StartWith("constant");
        AttributeMacroscale shaping = result.Attributes.Single(x => x.Attribute == "shaping");
        shaping.Modalities.Should().HaveCount(2);
        shaping.Modalities[0].CloudSize.Should().Be(shaping.Modalities[1].CloudSize);
        shaping.Modalities[0].InterDistances.Should().Be((long)shaping.Modalities[0].CloudSize * shaping.Modalities[0].CloudSize);
    }

    [Fact]
    public void Results_depend_on_the_seed_only()
    {
        (int[] codes, Matrix<float> rows, var attributes) = Shaped(2);
        var embeddings = new Dictionary<string, Matrix<float>> { ["m"] = rows };
        double first = Macroscale.Run(codes, embeddings, attributes, 3, 60).Attributes[0].MeanKs;
        Macroscale.Run(codes, embeddings, attributes, 3, 60).Attributes[0].MeanKs.Should().Be(first);
    }

    [Fact]
    public void Intra_entropy_by_hand()
    {
        // Identity 0: (1, 1) -> 0 bits; identity 1: (1, 0) -> 1 bit; identity 2 has one image (left out).
        Macroscale.IntraEntropy([0, 0, 1, 1, 2], ["1", "1", "1", "0", "0"]).Should().Be(0.5);
        Macroscale.IntraEntropy([0, 0, 0, 0], ["a", "b", "c", "c"]).Should().BeApproximately(1.5, 1e-12);
    }

    [Fact]
    public void Celeba_attribute_and_identity_files_are_read_by_file_name()
    {
        string dir = Path.Combine(Path.GetTempPath(), "facecompat-celeba-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string attr = Path.Combine(dir, "list_attr_celeba.txt");
            File.WriteAllLines(attr, ["2", "Smiling Young ", "000001.jpg -1  1", "000002.jpg  1 -1"]);
            string ids = Path.Combine(dir, "identity_CelebA.txt");
            File.WriteAllLines(ids, ["000001.jpg 2880", "000002.jpg 2937"]);
            (string[] names, Dictionary<string, string[]> values) = CelebAFiles.ReadAttributes(attr);
            names.Should().Equal("Smiling", "Young");
            values["000002.jpg"].Should().Equal("1", "-1");
            CelebAFiles.ReadIdentities(ids)["000001.jpg"].Should().Be("2880");

            File.WriteAllLines(attr, ["3", "Smiling Young", "000001.jpg -1 1"]);
            var act = () => CelebAFiles.ReadAttributes(attr);
            act.Should().Throw<DataFormatException>().WithMessage("*list_attr_celeba.txt*announces 3 images*");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
