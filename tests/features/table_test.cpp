#include "features/table.h"

#include <gtest/gtest.h>

#include <sstream>

#include "features/gtzan.h"

using namespace cadenza::features;

TEST(PythonFloat, FormatsLikeRepr) {
  EXPECT_EQ(format_python_float(123.046875), "123.046875");
  EXPECT_EQ(format_python_float(0.0), "0.0");
  EXPECT_EQ(format_python_float(7.457355968654156e-05), "7.457355968654156e-05");
  EXPECT_EQ(format_python_float(1784.1226412753106), "1784.1226412753106");
  EXPECT_EQ(format_python_float(static_cast<double>(0.35012850165367126f)), "0.35012850165367126");
  EXPECT_EQ(format_python_float(-113.59882354736328), "-113.59882354736328");
  EXPECT_EQ(format_python_float(0.0001), "0.0001");
  EXPECT_EQ(format_python_float(1e16), "1e+16");
  EXPECT_EQ(format_python_float(2569.0), "2569.0");
}

TEST(FeatureRows, CsvHeaderIsTheGtzanLayout) {
  FeatureRows table{gtzan_value_columns(), {}};
  std::ostringstream out;
  write_csv(out, table);
  const std::string header = out.str();
  EXPECT_EQ(header.rfind("filename,length,chroma_stft_mean,chroma_stft_var,rms_mean,", 0), 0u);
  EXPECT_NE(header.find(",tempo,mfcc1_mean,"), std::string::npos);
  EXPECT_NE(header.find(",mfcc20_var,label\n"), std::string::npos);
  EXPECT_EQ(table.columns.size(), 58u);  // 60 CSV columns with filename and label
}
