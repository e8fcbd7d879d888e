#!/usr/bin/env python3
"""Writes core/src/main/resources/io/lvnet/model/layers/to_bfloat16.pt: a TorchScript module that
converts a tensor to bfloat16 (x.to(torch.bfloat16), memory format kept).

DJL 0.36's PyTorch engine has no bfloat16 type, so lvnet cannot ask for the conversion
through DJL; it runs this module instead (io.lvnet.model.Bfloat16). Needs PyTorch 1.10 or
later (Debian/Ubuntu: apt-get install python3-torch); the committed file was written with
Debian's 1.13.1 and loads in libtorch 2.7.
"""
import pathlib
import torch


class ToBfloat16(torch.nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.to(torch.bfloat16)


out = pathlib.Path(__file__).resolve().parent.parent / "core/src/main/resources/io/lvnet/model/layers/to_bfloat16.pt"
torch.jit.script(ToBfloat16()).save(str(out))
print(out)
