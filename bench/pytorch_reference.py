#!/usr/bin/env python3
"""PyTorch CPU reference for `npm run bench:train`: the same architectures as the FER Studio
presets (electron/training/models/), timed the same way (training faces/s at batch 64 with Adam
and cross-entropy, inference faces/s at batch 256, synthetic data). Prints one JSON object.

Usage: python3 bench/pytorch_reference.py [--models seed-cnn,fast-cnn,tiny-cnn] [--seconds 20]
"""
import argparse
import json
import os
import time

import torch
from torch import nn


def seed_cnn() -> nn.Module:
    # Conv -> ReLU -> BN order as in Keras (activation inside the conv layer); 'same' padding.
    def conv(cin, cout, k):
        return [nn.Conv2d(cin, cout, k, padding=k // 2), nn.ReLU()]

    def block(cin, cout, k):
        return [*conv(cin, cout, k), nn.BatchNorm2d(cout), nn.MaxPool2d(2), nn.Dropout(0.25)]

    return nn.Sequential(
        *conv(1, 32, 3), *block(32, 64, 3), *block(64, 128, 5), *block(128, 512, 3),
        *block(512, 512, 3), nn.Flatten(),
        nn.Linear(4608, 256), nn.ReLU(), nn.BatchNorm1d(256), nn.Dropout(0.25),
        nn.Linear(256, 512), nn.ReLU(), nn.BatchNorm1d(512), nn.Dropout(0.25),
        nn.Linear(512, 7),
    )


def fast_cnn() -> nn.Module:
    def conv(cin, cout, k=3, s=1):
        return [nn.Conv2d(cin, cout, k, stride=s, padding=k // 2), nn.ReLU(), nn.BatchNorm2d(cout)]

    return nn.Sequential(
        *conv(1, 32, 5, 2), *conv(32, 64), nn.MaxPool2d(2), *conv(64, 128), nn.MaxPool2d(2),
        *conv(128, 256), nn.MaxPool2d(2), *conv(256, 256), *conv(256, 256),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.3), nn.Linear(256, 7),
    )


def tiny_cnn() -> nn.Module:
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, stride=2, padding=1), nn.ReLU(), nn.BatchNorm2d(8), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.BatchNorm2d(16), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, 7),
    )


MODELS = {'seed-cnn': seed_cnn, 'fast-cnn': fast_cnn, 'tiny-cnn': tiny_cnn}


def timed(step, seconds, min_steps):
    """Steps run, wall seconds and CPU seconds of the process (all threads)."""
    step()  # warm-up
    step()
    done, start, cpu = 0, time.perf_counter(), time.process_time()
    while done < min_steps or time.perf_counter() - start < seconds:
        step()
        done += 1
    return done, time.perf_counter() - start, time.process_time() - cpu


def bench(name, seconds):
    torch.manual_seed(0)
    model = MODELS[name]()
    params = sum(p.numel() for p in model.parameters())
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.rand(64, 1, 48, 48)
    y = torch.randint(0, 7, (64,))

    def train_step():
        model.train()
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()

    steps, elapsed, cpu = timed(train_step, seconds, 3)
    train = 64 * steps / elapsed
    # CPU time includes OpenMP threads spin-waiting, so on a busy machine this overstates the
    # work per face (and understates the idle estimate); on a quiet one the two agree.
    train_cpu_ms = 1000 * cpu / (64 * steps)
    xi = torch.rand(256, 1, 48, 48)

    def infer_step():
        model.eval()
        with torch.no_grad():
            model(xi)

    steps, elapsed, _ = timed(infer_step, seconds / 2, 3)
    return {'model': name, 'params': params, 'trainFacesPerSecond': train,
            'trainCpuMsPerFace': train_cpu_ms,
            'trainFacesPerSecondIfIdle': torch.get_num_threads() * 1000 / train_cpu_ms,
            'inferFacesPerSecond': 256 * steps / elapsed}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--models', default=','.join(MODELS))
    parser.add_argument('--seconds', type=float, default=20)
    parser.add_argument('--threads', type=int, default=os.cpu_count() or 1,
                        help='compute threads (Debian torch defaults to 1; the studio uses all cores)')
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    results = [bench(m, args.seconds) for m in args.models.split(',')]
    print(json.dumps({'torch': torch.__version__, 'threads': torch.get_num_threads(),
                      'results': results}))


if __name__ == '__main__':
    main()
