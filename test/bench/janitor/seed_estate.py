"""Seeds the janitor benchmark's estate into a moto server, with boto3 from moto's own venv.

    python seed_estate.py ENDPOINT VOLUMES SNAPSHOTS ADDRESSES GROUPS

In us-east-1: VOLUMES EBS volumes, one in ten attached to an instance; SNAPSHOTS snapshots, one
in fifty behind an AMI (moto's RegisterImage ignores the block device mappings it is given and
snapshots a volume of its own for each image, so those are the images' own, and the rest are
snapshots of the volumes); ADDRESSES Elastic IPs, one in five associated with an
instance; GROUPS security groups, one in five on a network interface and one in ten named by
another group's rule. Prints what it made, as JSON, so the benchmark can check both tools' counts.
"""

import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import boto3

endpoint, volumes, snapshots, addresses, groups = sys.argv[1], *map(int, sys.argv[2:6])
ec2 = boto3.client(
    "ec2",
    region_name="us-east-1",
    endpoint_url=endpoint,
    aws_access_key_id="testing",
    aws_secret_access_key="testing",
)
pool = ThreadPoolExecutor(8)
AZ = "us-east-1a"
DEVICES = [f"/dev/sd{c}" for c in "fghijklmnop"]  # ten data devices per instance


started = time.time()


def many(fn, n, serial=False):
    out = [fn(i) for i in range(n)] if serial else list(pool.map(fn, range(n)))
    print(f"[seed] {n} calls, {time.time() - started:.1f} s in", file=sys.stderr)
    return out


attached_volumes = volumes // 10
# Ten attached volumes per instance, and one associated address per instance.
instances_needed = max(1, -(-attached_volumes // 10), addresses // 5)
image = ec2.describe_images(Owners=["amazon"]).get("Images", [])
ami = image[0]["ImageId"] if image else "ami-12c6146b"  # moto's own AMI when defaults are off
instances = []
while len(instances) < instances_needed:
    n = min(50, instances_needed - len(instances))
    r = ec2.run_instances(ImageId=ami, MinCount=n, MaxCount=n, InstanceType="t3.micro",
                          Placement={"AvailabilityZone": AZ})
    instances += [i["InstanceId"] for i in r["Instances"]]

vol_ids = many(lambda i: ec2.create_volume(AvailabilityZone=AZ, Size=8 + i % 100,
                                           VolumeType="gp3")["VolumeId"], volumes)
many(lambda i: ec2.attach_volume(VolumeId=vol_ids[i], InstanceId=instances[i // 10],
                                 Device=DEVICES[i % 10]), attached_volumes)

behind_ami = snapshots // 50
many(lambda i: ec2.create_snapshot(VolumeId=vol_ids[i % volumes],
                                   Description=f"bench {i}")["SnapshotId"], snapshots - behind_ami)
many(lambda i: ec2.register_image(Name=f"bench-image-{i}", RootDeviceName="/dev/xvda"), behind_ami)

alloc_ids = many(lambda i: ec2.allocate_address(Domain="vpc")["AllocationId"], addresses)
associated = addresses // 5
many(lambda i: ec2.associate_address(AllocationId=alloc_ids[i], InstanceId=instances[i]),
     associated)

vpc = ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
subnet = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"][0]
group_ids = many(lambda i: ec2.create_security_group(
    GroupName=f"bench-{i}", Description=f"bench group {i}", VpcId=vpc)["GroupId"], groups,
    serial=True)  # moto answers 500 to security group calls made in parallel
on_interface = groups // 5
many(lambda i: ec2.create_network_interface(SubnetId=subnet["SubnetId"],
                                            Groups=[group_ids[i]]), on_interface, serial=True)
# A group named by another group's rule: the last tenth name the tenth before them.
named = groups // 10
many(lambda i: ec2.authorize_security_group_ingress(
    GroupId=group_ids[groups - 1 - i],
    IpPermissions=[{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                    "UserIdGroupPairs": [{"GroupId": group_ids[groups - 1 - named - i]}]}]),
    named, serial=True)

print(json.dumps({
    "instances": len(instances),
    "volumes": volumes, "attachedVolumes": attached_volumes,
    "snapshots": snapshots, "snapshotsBehindAmi": behind_ami,
    "addresses": addresses, "associatedAddresses": associated,
    "groups": groups, "groupsOnInterface": on_interface, "groupsNamedByGroup": named,
}))
