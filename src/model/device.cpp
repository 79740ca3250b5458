#include "model/device.h"

#include <torch/cuda.h>

#include "common/error.h"

namespace cadenza::model {

c10::Device parse_device(const std::string& name) {
  c10::Device device(c10::kCPU);
  try {
    device = c10::Device(name);
  } catch (const c10::Error&) {
    throw UsageError("--device '" + name + "': expected cpu, cuda or cuda:N");
  }
  if (device.is_cuda() && !torch::cuda::is_available())
    throw UsageError("--device " + name +
                     ": CUDA is not available (no GPU, or libtorch built without CUDA)");
  return device;
}

}  // namespace cadenza::model
